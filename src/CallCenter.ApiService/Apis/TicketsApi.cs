using CallCenter.ApiService.Idempotency;
using CallCenter.ApiService.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

public static class TicketsApi
{
    public static RouteGroupBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/tickets").WithTags("Tickets").WithApiProblems().WritesThroughUnitsOfWork();

        tickets.MapPost("/", CreateTicket).WithName(nameof(CreateTicket))
            .WithSummary("Open a ticket (TKT-YYYYMMDD-NNNN); a phone number links it to its customer.");
        tickets.MapGet("/", ListTickets).WithName(nameof(ListTickets))
            .WithSummary("Tickets, newest first, filtered by status, priority, department, assignee or customer.");
        tickets.MapGet("/{ticketId}", GetTicket).WithName(nameof(GetTicket))
            .WithSummary("One ticket with its history of notes and changes.");
        tickets.MapPatch("/{ticketId}", UpdateTicket).WithName(nameof(UpdateTicket))
            .WithSummary("Change status, priority, assignee or department, or add a note (appended, never overwritten).");

        return tickets;
    }

    public static async Task<Ok<TicketCreated>> CreateTicket(CreateTicketRequest request, TicketBook book, CancellationToken cancellationToken)
    {
        var ticket = await book.CreateAsync(request, cancellationToken);
        return TypedResults.Ok(new TicketCreated(true, ticket.TicketId, ticket));
    }

    // Not cancelled with the request: other requests may be waiting on the same read.
    public static Task<SharedJson<TicketList>> ListTickets(TicketListRequest request, TicketBook book, CollapsedPages pages)
    {
        var query = book.QueryFor(request);
        return pages.ReadAsync(query, async () => await book.MarkAsync(), async () =>
        {
            var page = await book.ListAsync(query, CancellationToken.None);
            return new TicketList(page.Items, page.Total, page.Paging.Limit, page.Paging.Offset, page.TotalIsExact);
        });
    }

    public static async Task<Ok<TicketWithHistory>> GetTicket(string ticketId, TicketBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.GetAsync(ticketId, cancellationToken));

    public static async Task<Ok<TicketChanged>> UpdateTicket(
        string ticketId, UpdateTicketRequest request, TicketBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(new TicketChanged(true, await book.UpdateAsync(ticketId, request, cancellationToken)));
}
