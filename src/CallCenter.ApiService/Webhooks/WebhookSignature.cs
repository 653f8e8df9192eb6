using System.Security.Cryptography;
using System.Text;

namespace CallCenter.ApiService.Webhooks;

/// <summary>
/// Standard Webhooks signing: <c>v1,</c> then the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>, keyed with the
/// bytes the secret's base64 (after <c>whsec_</c>) decodes to. Several secrets sign side by side, space separated.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    private const int SecretBytes = 32;

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    public static bool IsSecret(string secret) => KeyOf(secret) is { Length: > 0 };

    public static string Sign(string id, long timestamp, ReadOnlyMemory<byte> body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(Hmac(id, timestamp, body.Span, secret))));

    private static byte[] Hmac(string id, long timestamp, ReadOnlySpan<byte> body, string secret)
    {
        var key = KeyOf(secret) ?? throw new ArgumentException("Not a whsec_ secret.", nameof(secret));
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, signed);
    }

    private static byte[]? KeyOf(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var encoded = secret[SecretPrefix.Length..];
        var key = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, key, out var written) ? key[..written] : null;
    }
}
