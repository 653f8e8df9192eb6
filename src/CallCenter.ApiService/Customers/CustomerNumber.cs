using System.Globalization;

namespace CallCenter.ApiService.Customers;

/// <summary>
/// <c>CUST-001</c> … <c>CUST-999</c> as the seed shows them, then <c>CUST-1000</c> and on: three digits is the
/// least, never a cut (PostgreSQL's lpad cut 1000 to 100 and handed an id out twice).
/// </summary>
public static class CustomerNumber
{
    public const string Sequence = "customer_number_seq";

    public static string Format(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        return string.Create(CultureInfo.InvariantCulture, $"CUST-{number:D3}");
    }
}
