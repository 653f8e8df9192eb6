using System.Security.Cryptography;
using System.Text;
using CallCenter.ApiService.Webhooks;

namespace CallCenter.UnitTests.Webhooks;

/// <summary>Our signatures against a verifier written here from the Standard Webhooks text, not from our code.</summary>
public sealed class WebhookSignatureTests
{
    [Fact]
    public void SignatureMatchesTheSpecificationsExample()
    {
        // The example of the Standard Webhooks specification (and its reference libraries' tests).
        const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

        var signature = WebhookSignature.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, [Secret]);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void EveryNewSecretSignsWhatAnIndependentVerifierAccepts()
    {
        for (var i = 0; i < 50; i++)
        {
            var secret = WebhookSignature.NewSecret();
            var id = Random.Shared.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var body = Encoding.UTF8.GetBytes($$$"""{"id":{{{id}}},"type":"call:new","data":{"name":"عميل {{{i}}}"}}""");

            var header = WebhookSignature.Sign(id, timestamp, body, [secret]);

            Assert.StartsWith("whsec_", secret);
            Assert.True(Verifies(header, id, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), body, secret));
            Assert.False(Verifies(header, id, (timestamp + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), body, secret));
            Assert.False(Verifies(header, id, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), [.. body, (byte)' '], secret));
        }
    }

    [Fact]
    public void DuringARotationBothSecretsSignSpaceSeparated()
    {
        var (current, previous) = (WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
        var body = Encoding.UTF8.GetBytes("""{"type":"ticket:created","data":{}}""");

        var header = WebhookSignature.Sign("42", 1700000000, body, [current, previous]);

        Assert.Equal(2, header.Split(' ').Length);
        Assert.True(Verifies(header, "42", "1700000000", body, current));
        Assert.True(Verifies(header, "42", "1700000000", body, previous));
        Assert.False(Verifies(header, "42", "1700000000", body, WebhookSignature.NewSecret()));
    }

    [Theory]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_")]
    public void AnythingButAWhsecBase64SecretIsNotASecret(string secret) => Assert.False(WebhookSignature.IsSecret(secret));

    /// <summary>
    /// The specification's receiver: signed content is <c>{webhook-id}.{webhook-timestamp}.{body}</c>; the key is the
    /// base64 after <c>whsec_</c>; the header lists <c>v1,{base64 HMAC-SHA256}</c> entries separated by spaces, any of
    /// which may match (compared in constant time).
    /// </summary>
    private static bool Verifies(string header, string id, string timestamp, byte[] body, string secret)
    {
        var key = Convert.FromBase64String(secret.Split('_', 2)[1]);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(id));
        hmac.AppendData("."u8);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        hmac.AppendData("."u8);
        hmac.AppendData(body);
        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(hmac.GetHashAndReset()));
        return header.Split(' ')
            .Where(entry => entry.StartsWith("v1,", StringComparison.Ordinal))
            .Any(entry => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry[3..]), expected));
    }
}
