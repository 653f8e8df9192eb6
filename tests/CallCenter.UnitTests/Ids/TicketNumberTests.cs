using CallCenter.ApiService.Tickets;
using CsCheck;

namespace CallCenter.UnitTests.Ids;

public sealed class TicketNumberTests
{
    private static readonly DateOnly Day = new(2024, 11, 8);

    [Theory]
    [InlineData(1, "TKT-20241108-0001")]
    [InlineData(9999, "TKT-20241108-9999")]
    [InlineData(10000, "TKT-20241108-10000")]
    [InlineData(int.MaxValue, "TKT-20241108-2147483647")]
    public void FormatKeepsFourDigitsThenGrows(int number, string id) => Assert.Equal(id, TicketNumber.Format(Day, number));

    [Fact]
    public void FormatOfDistinctDaysOrNumbersNeverMeets() =>
        Gen.Select(Gen.Int[0, 3_000_000], Gen.Int[1, int.MaxValue], Gen.Int[0, 3_000_000], Gen.Int[1, int.MaxValue])
            .Where((dayA, a, dayB, b) => dayA != dayB || a != b)
            .Sample((dayA, a, dayB, b) =>
                TicketNumber.Format(DateOnly.FromDayNumber(dayA), a) != TicketNumber.Format(DateOnly.FromDayNumber(dayB), b));

    [Fact]
    public void FormatRefusesZero() => Assert.Throws<ArgumentOutOfRangeException>(() => TicketNumber.Format(Day, 0));
}
