using CallCenter.ApiService.Data;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace CallCenter.ApiService.Webhooks;

/// <summary>
/// Webhook secrets encrypted at rest with Data Protection. The first key is made under a PostgreSQL advisory lock,
/// so replicas starting together share one key instead of each making its own that the others do not know yet.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider, IKeyManager keys, DatabaseCircuit circuit, TimeProvider clock)
{
    // "Whsecret" in ASCII: the lock every replica takes to make the first key.
    private const long FirstKeyLock = 0x5768736563726574;

    private readonly IDataProtector _protector = provider.CreateProtector("CallCenter.Webhooks.Secret");
    private readonly SemaphoreSlim _firstKey = new(1, 1);
    private bool _keyed;

    public async Task<string> ProtectAsync(string secret, CancellationToken cancellationToken)
    {
        await EnsureKeyAsync(cancellationToken);
        return _protector.Protect(secret);
    }

    public string Unprotect(string stored) => _protector.Unprotect(stored);

    private async Task EnsureKeyAsync(CancellationToken cancellationToken)
    {
        if (_keyed)
        {
            return;
        }

        await _firstKey.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await circuit.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@FirstKeyLock)", new { FirstKeyLock }, transaction, cancellationToken: cancellationToken));
            if (keys.GetAllKeys().Count == 0)
            {
                var now = clock.GetUtcNow();
                keys.CreateNewKey(now, now.AddDays(90));
            }

            await transaction.CommitAsync(cancellationToken);
            _keyed = true;
        }
        finally
        {
            _firstKey.Release();
        }
    }
}
