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

    /// <summary><c>breaching_soon</c>: a target past its warning; <c>breached</c>: a target missed.</summary>
    [OneOf(Sla.TicketSlaView.BreachingSoon, Sla.SlaStatus.Breached)]
    public string? SlaStatus { get; init; }

    /// <summary><c>sla_due</c>: the next deadline first (tickets without one last); newest first otherwise.</summary>
    [OneOf(SlaDueOrder)]
    public string? Sort { get; init; }

    public const string SlaDueOrder = "sla_due";

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

    /// <summary>A public reply to the customer: meets the first-response and next-response targets.</summary>
    [StringLength(4000, MinimumLength = 1)]
    public string? Reply { get; init; }

    /// <summary>What the customer said (by mail, chat or phone): starts the next-response clock, and ends waiting on them.</summary>
    [StringLength(4000, MinimumLength = 1)]
    public string? CustomerUpdate { get; init; }

    /// <summary>
    /// How many history entries the change can write: one per field it sets (a customer's update may also reopen the
    /// ticket), so ids drawn for it beforehand are enough, and seldom more than it uses.
    /// </summary>
    public int HistoryEntriesAtMost() =>
        new[] { Status ?? CustomerUpdate, Priority, AssignedTo, Department, Notes, CustomerUpdate, Reply }.Count(value => value is not null);

    public static ValueTask<UpdateTicketRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<UpdateTicketRequest>(context);
}
