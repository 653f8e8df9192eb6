namespace CallCenter.ApiService.Tickets;

/// <summary>
/// How far the tickets have changed, read in one statement: the last ticket event numbered, how many are committed but
/// not numbered yet, and the SLA catalog's version. Every change to a ticket or its SLA targets appends a
/// <c>ticket:*</c> event in its own transaction; deleting a policy (which clears it from tickets) and a recompute (which
/// moves targets to the policies that match now) move the catalog's version. A commit adds a pending event; numbering moves <see cref="LastEvent"/> past every earlier one. So a mark
/// that has not moved means no such change committed in between, and a page read after the first mark is still the page.
/// </summary>
public readonly record struct TicketMark(long LastEvent, long PendingEvents, long CatalogVersion)
{
    public const string Sql = """
        SELECT counter.last_ticket_event,
               (SELECT count(*) FROM pending_events WHERE type LIKE 'ticket:%'),
               catalog.version
        FROM event_counter AS counter, sla_catalog_version AS catalog
        """;
}
