using CallCenter.ApiService.Idempotency;
using Microsoft.Extensions.Primitives;

namespace CallCenter.UnitTests.Idempotency;

/// <summary>The header as the draft writes it (a Structured Field string) and as friendly clients send it (bare).</summary>
public sealed class IdempotencyKeyHeaderTests
{
    [Theory]
    [InlineData("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("  \"padded\"\t", "padded")]
    [InlineData("\"with space and \\\"quote\\\" and \\\\\"", "with space and \"quote\" and \\")]
    [InlineData("order:42/retry=1", "order:42/retry=1")]
    public void ParseValidKeyGivesTheKey(string header, string expected)
    {
        var (key, error) = IdempotencyKeyHeader.Parse(new StringValues(header));

        Assert.Null(error);
        Assert.Equal(expected, key);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("")]
    [InlineData("\"unterminated")]
    [InlineData("\"trailing\";param")]
    [InlineData("\"bad \\n escape\"")]
    [InlineData("\"tab\tinside\"")]
    [InlineData("two words")]
    [InlineData("a,b")]
    [InlineData("naïve")]
    [InlineData("quote\"inside")]
    public void ParseMalformedKeyGivesAnError(string header)
    {
        var (key, error) = IdempotencyKeyHeader.Parse(new StringValues(header));

        Assert.Null(key);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void ParseLongestKeyAcceptsItAndOneMoreCharacterRefusesIt()
    {
        var longest = new string('k', IdempotencyKeyHeader.MaxLength);

        Assert.Equal(longest, IdempotencyKeyHeader.Parse(new StringValues($"\"{longest}\"")).Key);
        Assert.NotNull(IdempotencyKeyHeader.Parse(new StringValues(longest + "k")).Error);
        Assert.NotNull(IdempotencyKeyHeader.Parse(new StringValues($"\"{longest}k\"")).Error);
    }

    [Fact]
    public void ParseTwoHeadersRefusesThem() =>
        Assert.NotNull(IdempotencyKeyHeader.Parse(new StringValues(["a", "b"])).Error);

    [Fact]
    public void ParseNoHeaderGivesNeitherKeyNorError() =>
        Assert.Equal((null, null), IdempotencyKeyHeader.Parse(StringValues.Empty));
}
