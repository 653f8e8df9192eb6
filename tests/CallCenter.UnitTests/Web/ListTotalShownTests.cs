using CallCenter.Web.Services;

namespace CallCenter.UnitTests.Web;

/// <summary>A total past the API's count limit reads as a lower bound.</summary>
public sealed class ListTotalShownTests
{
    [Theory]
    [InlineData(0, true, "0")]
    [InlineData(9_999, true, "9999")]
    [InlineData(10_000, true, "10000")]
    [InlineData(10_000, false, "10000+")]
    public void TheTotalIsShownAsTheApiCountedIt(int total, bool exact, string shown)
    {
        Assert.Equal(shown, ListTotal.Show(total, exact));
        Assert.Equal(shown, new TicketList([], total, 50, 0, exact).Shown);
    }
}
