using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Security;

/// <summary>A key as listed: never its secret, which is shown once when the key is created.</summary>
public sealed record ApiKey
{
    public string KeyId { get; init; } = "";

    public string Name { get; init; } = "";

    public string Role { get; init; } = "";

    public string? AgentId { get; init; }

    public int? RequestsPerMinute { get; init; }

    public DateTime CreatedAt { get; init; }

    public string CreatedBy { get; init; } = "";

    public DateTime? RevokedAt { get; init; }

    /// <summary>Secrets are 32 random bytes; SHA-256 of such a secret is as good as a slow hash and costs nothing.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static string NewSecret() => $"cck_{Base64Url(RandomNumberGenerator.GetBytes(32))}";

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed record ApiKeyCreated(bool Success, string KeyId, string ApiKey, ApiKey Key);

public sealed record ApiKeyRevoked(bool Success, ApiKey Key);

public sealed record ApiKeyList(IReadOnlyList<ApiKey> Keys, int Total, int Limit, int Offset, bool TotalIsExact);

public sealed class CreateApiKeyRequest : IApiRequest
{
    [Required, StringLength(100, MinimumLength = 1)]
    public string? Name { get; init; }

    [Required, OneOf(FloorRoles.Admin, FloorRoles.Supervisor, FloorRoles.Agent, FloorRoles.Integration, FloorRoles.Web)]
    public string? Role { get; init; }

    /// <summary>The agent an agent key belongs to (required for role agent, refused otherwise).</summary>
    [StringLength(32)]
    public string? AgentId { get; init; }

    /// <summary>This key's own limit; the configured default when absent.</summary>
    [Range(1, 1_000_000)]
    public int? RequestsPerMinute { get; init; }

    public static ValueTask<CreateApiKeyRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<CreateApiKeyRequest>(context);
}

public sealed class ApiKeyListRequest : IApiRequest
{
    [Range(1, Data.Paging.MaxLimit)]
    public int? Limit { get; init; }

    [Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    public static ValueTask<ApiKeyListRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<ApiKeyListRequest>(context);
}
