namespace CallCenter.ApiService.Customers;

public record Customer
{
    public string CustomerId { get; init; } = "";

    public string Name { get; init; } = "";

    public string PhoneNumber { get; init; } = "";

    public string? Email { get; init; }

    public DateTime CreatedAt { get; init; }
}
