using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Tickets;

namespace CallCenter.ApiService.Customers;

public sealed record CustomerList(IReadOnlyList<Customer> Customers, int Total, int Limit, int Offset, bool TotalIsExact);

/// <summary>A customer with their most recent calls and tickets (up to 100 each).</summary>
public sealed record CustomerWithHistory : Customer
{
    public CustomerWithHistory(Customer customer, IReadOnlyList<Call> calls, IReadOnlyList<Ticket> tickets)
        : base(customer)
    {
        Calls = calls;
        Tickets = tickets;
    }

    [JsonPropertyOrder(1)]
    public IReadOnlyList<Call> Calls { get; init; }

    [JsonPropertyOrder(1)]
    public IReadOnlyList<Ticket> Tickets { get; init; }
}

public sealed class CustomerListRequest : IApiRequest
{
    /// <summary>Matches name, number or id.</summary>
    [StringLength(100)]
    public string? Search { get; init; }

    [Range(1, Data.Paging.MaxLimit)]
    public int? Limit { get; init; }

    [Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    public static ValueTask<CustomerListRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<CustomerListRequest>(context);
}
