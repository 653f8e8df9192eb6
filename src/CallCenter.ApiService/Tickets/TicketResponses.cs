using System.Text.Json.Serialization;

namespace CallCenter.ApiService.Tickets;

public sealed record TicketCreated(bool Success, string TicketId, Ticket Ticket);

public sealed record TicketChanged(bool Success, TicketWithHistory Ticket);

/// <summary>A ticket list request with the caller's department scope applied; equal queries share one read.</summary>
public sealed record TicketListQuery(
    string? Status, string? Priority, string? Department, string? AssignedTo, string? CustomerId, string? SlaStatus, string? Sort, int? Limit, int? Offset);

public sealed record TicketList(IReadOnlyList<Ticket> Tickets, int Total, int Limit, int Offset, bool TotalIsExact);

/// <summary>A ticket with every note and change, oldest first.</summary>
public sealed record TicketWithHistory : Ticket
{
    public TicketWithHistory(Ticket ticket, IReadOnlyList<TicketHistoryEntry> history)
        : base(ticket) => History = history;

    [JsonPropertyOrder(1)]
    public IReadOnlyList<TicketHistoryEntry> History { get; init; }
}
