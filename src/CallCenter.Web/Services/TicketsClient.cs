using static CallCenter.Web.Services.ApiHttp;

namespace CallCenter.Web.Services;

/// <summary>The CRM's tickets and their history.</summary>
public sealed class TicketsClient(HttpClient http)
{
    public Task<TicketList> ListAsync(TicketFilter filter, CancellationToken cancellationToken) =>
        http.GetAsync<TicketList>(
            WithQuery("/api/tickets",
                ("status", filter.Status), ("priority", filter.Priority), ("department", filter.Department),
                ("assigned_to", filter.AssignedTo), ("customer_id", filter.CustomerId), ("limit", filter.Limit), ("offset", filter.Offset),
                ("sla_status", filter.SlaStatus), ("sort", filter.Sort)),
            cancellationToken);

    public Task<TicketWithHistory> GetAsync(string ticketId, CancellationToken cancellationToken) =>
        http.GetAsync<TicketWithHistory>($"/api/tickets/{Segment(ticketId)}", cancellationToken);

    public Task<TicketCreated> CreateAsync(NewTicket ticket, CancellationToken cancellationToken) =>
        http.PostAsync<TicketCreated>("/api/tickets", ticket, cancellationToken);

    public Task<TicketChanged> ChangeAsync(string ticketId, TicketChange change, CancellationToken cancellationToken) =>
        http.PatchAsync<TicketChanged>($"/api/tickets/{Segment(ticketId)}", change, cancellationToken);
}
