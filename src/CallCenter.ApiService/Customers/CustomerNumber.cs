using CallCenter.ApiService.Data;

namespace CallCenter.ApiService.Customers;

/// <summary><c>CUST-001</c> … <c>CUST-999</c> as the seed shows them, then <c>CUST-1000</c> and on.</summary>
public static class CustomerNumber
{
    public const string Sequence = "customer_number_seq";

    public static string Format(long number) => SerialNumber.Format("CUST", number);
}
