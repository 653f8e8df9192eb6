using CallCenter.ApiService.Agents;

namespace CallCenter.UnitTests.Ids;

public sealed class AgentNumberTests
{
    [Theory]
    [InlineData(1, "AGT-001")]
    [InlineData(999, "AGT-999")]
    [InlineData(1000, "AGT-1000")]
    [InlineData(123456, "AGT-123456")]
    public void FormatKeepsTheSeedsWidthThenGrows(long number, string id) => Assert.Equal(id, AgentNumber.Format(number));

    [Fact]
    public void FormatRefusesNumbersASequenceNeverGives() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AgentNumber.Format(0));
}
