using System.Globalization;

namespace CallCenter.ApiService.Tickets;

/// <summary>
/// <c>TKT-YYYYMMDD-NNNN</c>: the day and its ticket count, four digits at least, so the 10,000th ticket of a day is
/// <c>-10000</c>, never a cut.
/// </summary>
public static class TicketNumber
{
    public static string Format(DateOnly day, int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        return string.Create(CultureInfo.InvariantCulture, $"TKT-{day:yyyyMMdd}-{number:D4}");
    }
}
