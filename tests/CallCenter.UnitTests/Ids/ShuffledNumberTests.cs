using System.Globalization;
using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Security;
using CsCheck;

namespace CallCenter.UnitTests.Ids;

public sealed class ShuffledNumberTests
{
    private const long TwoToThe32 = 1L << 32;

    [Fact]
    public void HexOfDistinctNumbersNeverMeets() =>
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue]).Where((a, b) => a != b)
            .Sample((a, b) => ShuffledNumber.Hex(a) != ShuffledNumber.Hex(b));

    [Fact]
    public void HexOfNeighboursBelowTwoToThe32NeverMeets() =>
        Gen.Long[0, TwoToThe32 - 1].Select(Gen.Int[1, 1000]).Where((a, step) => a + step < TwoToThe32)
            .Sample((a, step) => ShuffledNumber.Hex(a) != ShuffledNumber.Hex(a + step));

    [Fact]
    public void HexOfTheFirstMillionNumbersAreAllDistinct()
    {
        // The numbers a call center really uses: a sequence counting from 1.
        var seen = new HashSet<string>();
        for (long number = 1; number <= 1_000_000; number++)
        {
            Assert.True(seen.Add(ShuffledNumber.Hex(number)), $"{number} repeats an earlier id");
        }
    }

    [Fact]
    public void HexIsEightUppercaseDigitsBelowTwoToThe32() =>
        Gen.Long[0, TwoToThe32 - 1].Sample(number => Assert.Matches("^[0-9A-F]{8}$", ShuffledNumber.Hex(number)));

    [Fact]
    public void HexGrowsPastTwoToThe32AndKeepsTheBitsAbove() =>
        Gen.Long[TwoToThe32, long.MaxValue].Sample(number =>
        {
            var hex = ShuffledNumber.Hex(number);
            Assert.Matches("^[1-9A-F][0-9A-F]{8,}$", hex);
            Assert.Equal(number >> 32, long.Parse(hex[..^8], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        });

    [Fact]
    public void HexAtTwoToThe32GainsADigit()
    {
        Assert.Equal(8, ShuffledNumber.Hex(TwoToThe32 - 1).Length);
        Assert.Equal(9, ShuffledNumber.Hex(TwoToThe32).Length);
        Assert.StartsWith("1", ShuffledNumber.Hex(TwoToThe32), StringComparison.Ordinal);
    }

    [Fact]
    public void HexShufflesConsecutiveNumbersApart()
    {
        // Ids should look like the seed's random ones, not count up: neighbours differ in more than their last digit.
        var first = ShuffledNumber.Hex(1);
        var second = ShuffledNumber.Hex(2);
        Assert.NotEqual(first[..4], second[..4]);
    }

    [Fact]
    public void HexRefusesNegativeNumbers() => Assert.Throws<ArgumentOutOfRangeException>(() => ShuffledNumber.Hex(-1));

    [Fact]
    public void CallAndKeyIdsUseTheSeedsShape()
    {
        Assert.Matches("^CALL-[0-9A-F]{8}$", CallNumber.Format(1));
        Assert.Matches("^CALL-[0-9A-F]{9}$", CallNumber.Format(TwoToThe32));
        Assert.Matches("^KEY-[0-9A-F]{8}$", KeyNumber.Format(1));
    }
}
