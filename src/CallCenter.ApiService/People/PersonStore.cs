using CallCenter.ApiService.Data;

using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace CallCenter.ApiService.People;

/// <summary>
/// Identity's storage for <see cref="Person"/> on our own PostgreSQL table. Inside a <see cref="PersonDirectory"/>
/// operation it works in that operation's transaction (see <see cref="Enlist"/>), so a change and its audit entry
/// commit together; updates are refused when someone else changed the person first (the concurrency stamp).
/// </summary>
public sealed class PersonStore(CallCenterDatabase database, TimeProvider clock) :
    IUserPasswordStore<Person>, IUserSecurityStampStore<Person>, IUserLockoutStore<Person>
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    public void Enlist(UnitOfWork work) =>
        (_connection, _transaction) = (work.Connection, work.Transaction);

    public async Task<IdentityResult> CreateAsync(Person user, CancellationToken cancellationToken)
    {
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        user.CreatedAt = user.UpdatedAt = clock.UtcNow();
        var inserted = await ExecuteAsync(
            """
            INSERT INTO people (normalized_user_name, user_name, display_name, role, agent_id, password_hash, security_stamp,
                                concurrency_stamp, access_failed_count, lockout_end, disabled_at, created_at, updated_at)
            VALUES (@NormalizedUserName, @UserName, @DisplayName, @Role, @AgentId, @PasswordHash, @SecurityStamp,
                    @ConcurrencyStamp, @AccessFailedCount, @LockoutEnd, @DisabledAt, @CreatedAt, @UpdatedAt)
            ON CONFLICT (normalized_user_name) DO NOTHING
            """, user, cancellationToken);
        return inserted == 1 ? IdentityResult.Success : IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName));
    }

    public async Task<IdentityResult> UpdateAsync(Person user, CancellationToken cancellationToken)
    {
        var expected = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        user.UpdatedAt = clock.UtcNow();
        var updated = await ExecuteAsync(
            """
            UPDATE people SET display_name = @DisplayName, role = @Role, agent_id = @AgentId, password_hash = @PasswordHash,
                              security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp,
                              access_failed_count = @AccessFailedCount, lockout_end = @LockoutEnd, disabled_at = @DisabledAt,
                              updated_at = @UpdatedAt
            WHERE normalized_user_name = @NormalizedUserName AND concurrency_stamp = @expected
            """,
            new
            {
                user.NormalizedUserName, user.DisplayName, user.Role, user.AgentId, user.PasswordHash, user.SecurityStamp,
                user.ConcurrencyStamp, user.AccessFailedCount, user.LockoutEnd, user.DisabledAt, user.UpdatedAt, expected,
            },
            cancellationToken);
        if (updated == 1)
        {
            return IdentityResult.Success;
        }

        user.ConcurrencyStamp = expected;
        return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    /// <summary>People are disabled, never deleted: the audit trail keeps naming them.</summary>
    public Task<IdentityResult> DeleteAsync(Person user, CancellationToken cancellationToken) =>
        throw new NotSupportedException("People are disabled, not deleted.");

    public Task<Person?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        FindByNameAsync(userId.ToUpperInvariant(), cancellationToken);

    public async Task<Person?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT * FROM people WHERE normalized_user_name = @normalizedUserName";
        if (_connection is not null)
        {
            // Read with the lock held to the end of the operation: a concurrent change waits instead of being lost.
            return await _connection.QuerySingleOrDefaultAsync<Person>(
                new CommandDefinition(Sql + " FOR UPDATE", new { normalizedUserName }, _transaction, cancellationToken: cancellationToken));
        }

        return await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<Person>(
            new CommandDefinition(Sql, new { normalizedUserName }, cancellationToken: cancellationToken)), cancellationToken);
    }

    public Task<string> GetUserIdAsync(Person user, CancellationToken cancellationToken) => Task.FromResult(user.UserName);

    public Task<string?> GetUserNameAsync(Person user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(Person user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(Person user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(Person user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(Person user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(Person user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(Person user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(Person user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(Person user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(Person user, CancellationToken cancellationToken) =>
        Task.FromResult<DateTimeOffset?>(user.LockoutEnd is { } end ? new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)) : null);

    public Task SetLockoutEndDateAsync(Person user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd?.UtcDateTime;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(Person user, CancellationToken cancellationToken) =>
        Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(Person user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(Person user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    /// <summary>Everyone can be locked out, admins included.</summary>
    public Task<bool> GetLockoutEnabledAsync(Person user, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task SetLockoutEnabledAsync(Person user, bool enabled, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            return await _connection.ExecuteAsync(new CommandDefinition(sql, parameters, _transaction, cancellationToken: cancellationToken));
        }

        return await database.ReadAsync(connection => connection.ExecuteAsync(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)), cancellationToken);
    }
}
