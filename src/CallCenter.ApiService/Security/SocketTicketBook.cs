using System.Security.Cryptography;
using System.Text.Json;
using CallCenter.ApiService.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Security;

public sealed record SocketTicket(string Ticket, DateTime ExpiresAt);

/// <summary>
/// One-time tickets for browsers, which cannot put an Authorization header on a WebSocket upgrade: an
/// authenticated caller trades its credentials for a ticket, used once within a minute, on any replica.
/// Only the ticket's hash is stored, and a used ticket is worth nothing, so a logged URL gives nothing away.
/// </summary>
public sealed class SocketTicketBook(CallCenterDatabase database, IOptions<SecurityOptions> options, TimeProvider clock)
{
    public async Task<SocketTicket> IssueAsync(FloorCaller caller, CancellationToken cancellationToken)
    {
        var ticket = $"cct_{ApiKey.Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var expiresAt = clock.UtcNow() + options.Value.SocketTicketLifetime;
        await database.InTransactionAsync(work => work.ExecuteAsync(
            """
            DELETE FROM socket_tickets WHERE expires_at < @now;
            INSERT INTO socket_tickets (ticket_hash, caller, expires_at) VALUES (@hash, @caller::jsonb, @expiresAt);
            """,
            new { now = clock.UtcNow(), hash = ApiKey.Hash(ticket), caller = JsonSerializer.Serialize(caller), expiresAt }), cancellationToken);
        return new SocketTicket(ticket, expiresAt);
    }

    /// <summary>The caller a ticket was issued to, once; null for an unknown, used or expired ticket.</summary>
    public async Task<FloorCaller?> RedeemAsync(string ticket, CancellationToken cancellationToken)
    {
        var caller = await database.InTransactionAsync(work => work.QuerySingleOrDefaultAsync<string>(
            "DELETE FROM socket_tickets WHERE ticket_hash = @hash RETURNING CASE WHEN expires_at >= @now THEN caller::text END",
            new { hash = ApiKey.Hash(ticket), now = clock.UtcNow() }), cancellationToken);
        return caller is null ? null : JsonSerializer.Deserialize<FloorCaller>(caller);
    }
}
