using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Requests;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Security;

/// <summary>
/// API keys: the two from configuration (admin for scripts, the Web app's) and the ones admins issue, stored as
/// hashes. A key that was checked is trusted for <see cref="SecurityOptions.KeyCacheDuration"/> on this replica.
/// </summary>
public sealed class ApiKeyStore(
    CallCenterDatabase database,
    AuditTrail audit,
    FloorCallers callers,
    IMemoryCache cache,
    IOptions<SecurityOptions> options,
    TimeProvider clock)
{
    public const string ConfiguredAdminKeyId = "config:api-key";
    public const string ConfiguredWebKeyId = "config:web";

    private readonly IReadOnlyList<(byte[] Hash, ApiKey Key)> _configured = Configured(options.Value);

    /// <summary>The key a secret belongs to, if it exists and is not revoked.</summary>
    public async Task<ApiKey?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = ApiKey.Hash(secret);
        foreach (var (configuredHash, key) in _configured)
        {
            if (System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(hash, configuredHash))
            {
                return key;
            }
        }

        var cacheKey = $"api-key:{Convert.ToHexString(hash)}";
        if (cache.TryGetValue(cacheKey, out ApiKey? cached))
        {
            return cached;
        }

        var found = await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<ApiKey>(
            "SELECT * FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL", new { hash }), cancellationToken);
        cache.Set(cacheKey, found, options.Value.KeyCacheDuration);
        return found;
    }

    public async Task<(ApiKey Key, string Secret)> CreateAsync(CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        if (request.Role == FloorRoles.Agent && request.AgentId is null)
        {
            throw ApiProblemException.Invalid("agent_id", "an agent key belongs to an agent; name them.");
        }

        if (request.Role != FloorRoles.Agent && request.AgentId is not null)
        {
            throw ApiProblemException.Invalid("agent_id", "only an agent key belongs to an agent.");
        }

        var secret = ApiKey.NewSecret();
        var hash = ApiKey.Hash(secret);
        var unnumbered = new ApiKey
        {
            Name = request.Name!.Trim(),
            Role = request.Role!,
            AgentId = request.AgentId,
            RequestsPerMinute = request.RequestsPerMinute,
            CreatedAt = clock.UtcNow(),
            CreatedBy = callers.Current.Name,
        };
        var key = await database.InTransactionAsync(async work =>
        {
            if (unnumbered.AgentId is not null)
            {
                await AgentRoster.EnsureExistsAsync(work, unnumbered.AgentId, "agent_id");
            }

            var stored = await NextNumber.InsertAsync(work, KeyNumber.Sequence, KeyNumber.Format, async keyId =>
            {
                var numbered = unnumbered with { KeyId = keyId };
                var inserted = await work.ExecuteAsync(
                    """
                    INSERT INTO api_keys (key_id, name, role, agent_id, key_hash, requests_per_minute, created_at, created_by)
                    VALUES (@KeyId, @Name, @Role, @AgentId, @hash, @RequestsPerMinute, @CreatedAt, @CreatedBy)
                    ON CONFLICT (key_id) DO NOTHING
                    """,
                    new { numbered.KeyId, numbered.Name, numbered.Role, numbered.AgentId, hash, numbered.RequestsPerMinute, numbered.CreatedAt, numbered.CreatedBy });
                return inserted == 1 ? numbered : null;
            });
            await audit.RecordAsync(work, "key:created", stored.KeyId);
            return stored;
        }, cancellationToken);
        return (key, secret);
    }

    public Task<Page<ApiKey>> ListAsync(ApiKeyListRequest request, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QueryPageAsync<ApiKey>(
            "api_keys", "", "created_at DESC, key_id", new { }, PagedQuery.ToPaging(request.Limit, request.Offset)), cancellationToken);

    public Task<ApiKey> RevokeAsync(string keyId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            var key = await work.QuerySingleOrDefaultAsync<ApiKey>(
                "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @now) WHERE key_id = @keyId RETURNING *",
                new { keyId, now = clock.UtcNow() })
                ?? throw ApiProblemException.NotFound("API key", keyId);
            await audit.RecordAsync(work, "key:revoked", key.KeyId);
            return key;
        }, cancellationToken);

    private static List<(byte[] Hash, ApiKey Key)> Configured(SecurityOptions options)
    {
        List<(byte[], ApiKey)> keys = [];
        if (!string.IsNullOrEmpty(options.AdminApiKey))
        {
            keys.Add((ApiKey.Hash(options.AdminApiKey), new ApiKey { KeyId = ConfiguredAdminKeyId, Name = "api-key", Role = FloorRoles.Admin, CreatedBy = "configuration" }));
        }

        if (!string.IsNullOrEmpty(options.WebApiKey))
        {
            keys.Add((ApiKey.Hash(options.WebApiKey), new ApiKey { KeyId = ConfiguredWebKeyId, Name = "web", Role = FloorRoles.Web, CreatedBy = "configuration" }));
        }

        return keys;
    }
}
