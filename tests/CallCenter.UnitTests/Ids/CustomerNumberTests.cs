using CallCenter.ApiService.Customers;
using CsCheck;

namespace CallCenter.UnitTests.Ids;

public sealed class CustomerNumberTests
{
    [Theory]
    [InlineData(1, "CUST-001")]
    [InlineData(10, "CUST-010")]
    [InlineData(998, "CUST-998")]
    [InlineData(999, "CUST-999")]
    [InlineData(1000, "CUST-1000")]
    [InlineData(1001, "CUST-1001")]
    [InlineData(7079, "CUST-7079")]
    [InlineData(long.MaxValue, "CUST-9223372036854775807")]
    public void FormatKeepsTheSeedsWidthThenGrows(long number, string id) => Assert.Equal(id, CustomerNumber.Format(number));

    [Fact]
    public void FormatOfAnyNumberEndsInAllItsDigits() =>
        Gen.Long[1, long.MaxValue].Sample(number =>
        {
            var digits = CustomerNumber.Format(number)["CUST-".Length..];
            Assert.Equal(number, long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Math.Max(3, number.ToString(System.Globalization.CultureInfo.InvariantCulture).Length), digits.Length);
        });

    [Fact]
    public void FormatOfDistinctNumbersNeverMeets() =>
        Gen.Select(Gen.Long[1, long.MaxValue], Gen.Long[1, long.MaxValue]).Where(pair => pair.Item1 != pair.Item2)
            .Sample((a, b) => CustomerNumber.Format(a) != CustomerNumber.Format(b));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void FormatRefusesNumbersASequenceNeverGives(long number) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerNumber.Format(number));
}
