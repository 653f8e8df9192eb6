using System.Security.Cryptography;
using System.Text;

namespace CallCenter.ApiService.Idempotency;

/// <summary>
/// What makes two requests "the same" for one key: SHA-256 of the method, path, query string and body bytes.
/// The seed's clients send fields in the query string as often as in the body, so both count.
/// </summary>
public static class RequestFingerprint
{
    public static byte[] Compute(string method, string path, string query, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Newlines cannot occur in a method, path or query string, so the parts cannot run into each other.
        hash.AppendData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{path}\n{query}\n"));
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }
}
