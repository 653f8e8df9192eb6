namespace CallCenter.Web.Services;

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

    /// <summary>Null when no SLA policy applies.</summary>
    public TicketSla? Sla { get; init; }
}

public sealed record TicketWithHistory : Ticket
{
    public IReadOnlyList<TicketHistoryEntry> History { get; init; } = [];
}

public sealed record TicketHistoryEntry
{
    public long EntryId { get; init; }

    public DateTime At { get; init; }

    public string Author { get; init; } = "";

    /// <summary><c>created</c>, <c>changed</c>, <c>note</c>, <c>reply</c> or <c>customer_update</c>.</summary>
    public string Action { get; init; } = "";

    public string? Field { get; init; }

    public string? FromValue { get; init; }

    public string? ToValue { get; init; }

    public string? Note { get; init; }
}

public sealed record TicketCreated(string TicketId, Ticket Ticket);

public sealed record TicketChanged(TicketWithHistory Ticket);

public sealed record TicketList(IReadOnlyList<Ticket> Tickets, int Total, int Limit, int Offset, bool TotalIsExact = true)
{
    /// <summary>The total as shown: "10000+" past the API's count limit.</summary>
    public string Shown => ListTotal.Show(Total, TotalIsExact);
}

public sealed record NewTicket(
    string CustomerName, string? CustomerPhone, string Subject, string? Description, string? Priority, string? Department, string? CallId, string? AssignedTo);

/// <summary>Only the fields that are set change; a note is appended to the history, a reply or a customer update too, and they move the SLA clocks.</summary>
public sealed record TicketChange(
    string? Status = null, string? Notes = null, string? AssignedTo = null, string? Priority = null, string? Department = null,
    string? Reply = null, string? CustomerUpdate = null);

/// <summary><paramref name="SlaStatus"/> is breaching_soon or breached; <paramref name="Sort"/> sla_due puts the next deadline first.</summary>
public sealed record TicketFilter(
    string? Status, string? Priority, string? Department, string? AssignedTo, string? CustomerId, int Limit, int Offset,
    string? SlaStatus = null, string? Sort = null);

public static class TicketStatuses
{
    public const string Open = "open";
    public const string InProgress = "in_progress";
    public const string Pending = "pending";
    public const string Resolved = "resolved";
    public const string Closed = "closed";

    public static readonly string[] All = [Open, InProgress, Pending, Resolved, Closed];
}

public static class Priorities
{
    public static readonly string[] All = ["low", "medium", "high", "urgent"];
}
