using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CallCenter.AppHost.Infrastructure;

/// <summary>A PostgreSQL server run from the machine's own binaries, as a process DCP supervises.</summary>
public sealed class LocalPostgresServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string SuperUser = "postgres";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.IPV4Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={SuperUser};Password={PasswordParameter}");
}

/// <summary>A database inside a <see cref="LocalPostgresServerResource"/>, created when the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public LocalPostgresServerResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

/// <summary>Ready means a real query answers, not merely that the process exists.</summary>
internal sealed class PostgresQueryHealthCheck(IResourceWithConnectionString resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy(exception.Message, exception);
        }
    }
}
