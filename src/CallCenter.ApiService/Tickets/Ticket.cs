namespace CallCenter.ApiService.Tickets;

public record Ticket
{
    public string TicketId { get; init; } = "";

    public string? CustomerId { get; init; }

    public string CustomerName { get; init; } = "";

    public string? CustomerPhone { get; init; }

    public string? CallId { get; init; }

    public string Subject { get; init; } = "";

    public string Description { get; init; } = "";

    public string Priority { get; init; } = "";

    public string Status { get; init; } = "";

    public string Department { get; init; } = "";

    public string? AssignedTo { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public DateTime? ResolvedAt { get; init; }

    /// <summary>The ticket's service targets and how they stand; null when no SLA policy applies to it.</summary>
    public Sla.TicketSlaView? Sla { get; init; }

    /// <summary>The policy the targets follow, as stored; <see cref="Sla"/> names it to clients.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? SlaPolicyId { get; init; }
}

/// <summary>One line of a ticket's history: its creation, a field's change, or a note.</summary>
public sealed record TicketHistoryEntry
{
    public long EntryId { get; init; }

    public DateTime At { get; init; }

    public string Author { get; init; } = "";

    /// <summary>
    /// <c>created</c>, <c>changed</c>, <c>note</c> (internal), <c>reply</c> (an agent's public reply) or
    /// <c>customer_update</c> (what the customer said, recorded by an agent or an integration).
    /// </summary>
    public string Action { get; init; } = "";

    public string? Field { get; init; }

    public string? FromValue { get; init; }

    public string? ToValue { get; init; }

    public string? Note { get; init; }
}

public static class TicketStatus
{
    public const string Open = "open";
    public const string InProgress = "in_progress";
    public const string Pending = "pending";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
}
