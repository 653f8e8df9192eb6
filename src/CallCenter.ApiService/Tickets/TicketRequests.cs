using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Tickets;

public sealed class CreateTicketRequest : IApiRequest
{
    [Required, StringLength(100, MinimumLength = 1)]
    public string? CustomerName { get; init; }

    /// <summary>Links the ticket to the customer with this number, creating one when it is new.</summary>
    [StringLength(32)]
    public string? CustomerPhone { get; init; }

    [Required, StringLength(200, MinimumLength = 1)]
    public string? Subject { get; init; }

    [StringLength(4000)]
    public string? Description { get; init; }

    [OneOf(Calls.Priority.Low, Calls.Priority.Medium, Calls.Priority.High, Calls.Priority.Urgent)]
    public string? Priority { get; init; }

    [StringLength(64)]
    public string? Department { get; init; }

    /// <summary>The call the ticket was opened from.</summary>
    [StringLength(32)]
    public string? CallId { get; init; }

    [StringLength(32)]
    public string? AssignedTo { get; init; }

    public static ValueTask<CreateTicketRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<CreateTicketRequest>(context);
}

public sealed class TicketListRequest : IApiRequest
{
    [OneOf(TicketStatus.Open, TicketStatus.InProgress, TicketStatus.Pending, TicketStatus.Resolved, TicketStatus.Closed)]
    public string? Status { get; init; }

    [OneOf(Calls.Priority.Low, Calls.Priority.Medium, Calls.Priority.High, Calls.Priority.Urgent)]
    public string? Priority { get; init; }

    [StringLength(64)]
    public string? Department { get; init; }

    [StringLength(32)]
    public string? AssignedTo { get; init; }

    [StringLength(32)]
    public string? CustomerId { get; init; }

    [Range(1, Data.Paging.MaxLimit)]
    public int? Limit { get; init; }

    [Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    public static ValueTask<TicketListRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<TicketListRequest>(context);
}

public sealed class UpdateTicketRequest : IApiRequest
{
    [OneOf(TicketStatus.Open, TicketStatus.InProgress, TicketStatus.Pending, TicketStatus.Resolved, TicketStatus.Closed)]
    public string? Status { get; init; }

    /// <summary>Appended to the ticket's history; earlier notes are never changed.</summary>
    [StringLength(2000, MinimumLength = 1)]
    public string? Notes { get; init; }

    [StringLength(32)]
    public string? AssignedTo { get; init; }

    [OneOf(Calls.Priority.Low, Calls.Priority.Medium, Calls.Priority.High, Calls.Priority.Urgent)]
    public string? Priority { get; init; }

    [StringLength(64)]
    public string? Department { get; init; }

    public static ValueTask<UpdateTicketRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<UpdateTicketRequest>(context);
}
