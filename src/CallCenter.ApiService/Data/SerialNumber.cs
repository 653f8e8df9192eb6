using System.Globalization;

namespace CallCenter.ApiService.Data;

/// <summary>
/// A seed-style id from a sequence number: <c>PREFIX-001</c> … <c>PREFIX-999</c>, then <c>PREFIX-1000</c> and on.
/// Three digits is the least, never a cut (PostgreSQL's lpad cut 1000 to 100 and handed an id out twice).
/// </summary>
public static class SerialNumber
{
    public static string Format(string prefix, long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{number:D3}");
    }
}
