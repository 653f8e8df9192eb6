using CallCenter.ApiService.Customers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers").WithApiProblems();

        customers.MapGet("/", ListCustomers).WithName(nameof(ListCustomers))
            .WithSummary("Customers by id, optionally searched by name, number or id.");
        customers.MapGet("/{customerId}", GetCustomer).WithName(nameof(GetCustomer))
            .WithSummary("One customer with their calls and tickets.");

        return customers;
    }

    public static async Task<Ok<CustomerList>> ListCustomers(CustomerListRequest request, CustomerDirectory directory, CancellationToken cancellationToken)
    {
        var page = await directory.ListAsync(request, cancellationToken);
        return TypedResults.Ok(new CustomerList(page.Items, page.Total, page.Paging.Limit, page.Paging.Offset, page.TotalIsExact));
    }

    public static async Task<Ok<CustomerWithHistory>> GetCustomer(string customerId, CustomerDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.GetAsync(customerId, cancellationToken));
}
