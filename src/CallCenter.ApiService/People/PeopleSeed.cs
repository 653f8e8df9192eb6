using CallCenter.ApiService.Security;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace CallCenter.ApiService.People;

/// <summary>
/// The people who exist before anyone can add one: Development's demo floor, and the bootstrap admin wherever
/// no enabled admin exists. Runs at start under the migration lock; it only ever adds, never overwrites.
/// </summary>
internal static class PeopleSeed
{
    public static async Task SeedAsync(NpgsqlConnection connection, PeopleOptions options, bool demo, ILogger logger, CancellationToken cancellationToken)
    {
        var hasher = new PasswordHasher<Person>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (demo && options.DemoPassword is { } demoPassword)
        {
            var demoPeople = await connection.QueryAsync<(string UserName, string DisplayName, string Role, string? AgentId)>(
                """
                SELECT agent_id, name, 'agent', agent_id FROM agents WHERE agent_id BETWEEN 'AGT-001' AND 'AGT-008'
                UNION ALL SELECT 'supervisor', 'Supervisor', 'supervisor', NULL
                UNION ALL SELECT 'admin', 'Administrator', 'admin', NULL
                """, transaction: transaction);
            foreach (var person in demoPeople)
            {
                await AddAsync(connection, transaction, hasher, person, demoPassword);
            }
        }

        var enabledAdmins = await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM people WHERE role = 'admin' AND disabled_at IS NULL", transaction: transaction);
        if (enabledAdmins == 0 && options.BootstrapAdminPassword is { } adminPassword)
        {
            if (await AddAsync(connection, transaction, hasher, ("admin", "Administrator", FloorRoles.Admin, null), adminPassword))
            {
                logger.LogInformation("No enabled admin existed: created the person 'admin' with the admin-password parameter");
            }
            else
            {
                logger.LogError("No enabled admin exists and the person 'admin' is taken by someone who is not an enabled admin; nobody can manage people");
            }
        }
        else if (enabledAdmins == 0)
        {
            logger.LogWarning("No enabled admin exists and no People:BootstrapAdminPassword is set; nobody can manage people");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<bool> AddAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PasswordHasher<Person> hasher,
        (string UserName, string DisplayName, string Role, string? AgentId) person, string password)
    {
        var normalized = person.UserName.ToUpperInvariant();
        if (await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM people WHERE normalized_user_name = @normalized)", new { normalized }, transaction))
        {
            return false;
        }

        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO people (normalized_user_name, user_name, display_name, role, agent_id, password_hash, security_stamp,
                                concurrency_stamp, created_at, updated_at)
            VALUES (@normalized, @UserName, @DisplayName, @Role, @AgentId, @hash, @stamp, @stamp, now(), now())
            ON CONFLICT DO NOTHING
            """,
            new
            {
                normalized, person.UserName, person.DisplayName, person.Role, person.AgentId,
                hash = hasher.HashPassword(new Person { UserName = person.UserName }, password),
                stamp = Guid.NewGuid().ToString("N"),
            },
            transaction);
        if (inserted == 1)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO audit_log (at, actor, actor_role, action, subject)
                VALUES (now(), 'system', 'system', @action, @UserName)
                """,
                new { action = PeopleActions.Created, person.UserName }, transaction);
        }

        return inserted == 1;
    }
}
