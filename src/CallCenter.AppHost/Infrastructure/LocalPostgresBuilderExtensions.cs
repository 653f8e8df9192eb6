using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CallCenter.AppHost.Infrastructure;

internal static class LocalPostgresBuilderExtensions
{
    private const string OsUser = "postgres";

    /// <summary>
    /// Adds <c>{name}-init</c> (initdb, once per data directory) and <c>{name}</c> (the server) as executables.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder,
        string name,
        IResourceBuilder<ParameterResource> password,
        InfrastructureOptions options,
        string dataDirectory)
    {
        var binDirectory = PostgresBinaries.Locate(options.PostgresBinDirectory);
        var runAsPostgres = Environment.IsPrivilegedProcess;
        if (runAsPostgres)
        {
            // PostgreSQL refuses to run as root; the data root must be reachable by the 'postgres' user.
            FileAccessForOsUser.EnsureTraversable(Path.GetDirectoryName(dataDirectory)!);
        }

        var init = builder.AddExecutable($"{name}-init", "/bin/sh", Path.GetDirectoryName(dataDirectory)!)
            .WithArgs("-c", InitScript(binDirectory, runAsPostgres))
            .WithEnvironment("PGDATA", dataDirectory)
            .WithEnvironment("POSTGRES_PASSWORD", password);

        var serverArgs = new List<string>
        {
            "-D", dataDirectory,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=300",
        };
        if (options.Ephemeral)
        {
            // Only a machine crash may lose throw-away data: a commit still reaches the OS before it is acknowledged
            // (synchronous_commit stays on), so a killed server, restarted by the supervisor, keeps every acknowledged row.
            serverArgs.AddRange(["-c", "fsync=off", "-c", "full_page_writes=off"]);
        }

        var postgresPath = Path.Combine(binDirectory, "postgres");
        var (command, prefix) = runAsPostgres
            ? ("setpriv", new[] { $"--reuid={OsUser}", $"--regid={OsUser}", "--init-groups", postgresPath })
            : (postgresPath, Array.Empty<string>());

        var server = new LocalPostgresServerResource(name, command, dataDirectory, password.Resource);
        var port = LocalPort.Free();
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new PostgresQueryHealthCheck(server), failureStatus: null, tags: null));

        return builder.AddResource(server)
            .WithArgs([.. prefix, .. serverArgs])
            // postgres reads its port from PGPORT; the services connect to it directly (see LocalPort).
            .WithEndpoint(port: port, targetPort: port, name: LocalPostgresServerResource.EndpointName, scheme: "tcp", env: "PGPORT", isProxied: false)
            .WithHealthCheck(healthCheckKey)
            .WaitForCompletion(init)
            .WithParentRelationship(init)
            .WithRestartOnCrash();
    }

    /// <summary>Adds a database that is created (if missing) as soon as the server answers.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name)
    {
        var builder = server.ApplicationBuilder;
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);

        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (@event, cancellationToken) =>
        {
            await using var connection = await LocalPostgresServerResource.OpenUnpooledAsync(server.Resource, cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database.DatabaseName);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                // Identifiers cannot be parameters; the name is ours (a resource name), quoted all the same.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            // A database is not a process DCP watches: its state is ours to report, and health checks
            // (hence WaitFor) only run once it says Running.
            await @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new PostgresQueryHealthCheck(database), failureStatus: null, tags: null));

        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new(CustomResourceKnownProperties.Source, server.Resource.Name)],
            })
            .WithHealthCheck(healthCheckKey);
    }

    private static string InitScript(string binDirectory, bool runAsPostgres)
    {
        var initdb = Path.Combine(binDirectory, "initdb");
        var asPostgres = runAsPostgres ? $"setpriv --reuid={OsUser} --regid={OsUser} --init-groups " : "";
        var chown = runAsPostgres ? $"chown {OsUser}:{OsUser}" : "true";
        // The password reaches initdb through a private file that is removed at once, never argv.
        return $$"""
            set -eu
            if [ -f "$PGDATA/PG_VERSION" ]; then
              echo "PostgreSQL data directory $PGDATA is already initialised."
              exit 0
            fi
            mkdir -p "$PGDATA"
            {{chown}} "$PGDATA"
            chmod 700 "$PGDATA"
            pwfile=$(mktemp)
            trap 'rm -f "$pwfile"' EXIT
            printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"
            {{chown}} "$pwfile"
            {{asPostgres}}'{{initdb}}' -D "$PGDATA" -U {{LocalPostgresServerResource.SuperUser}} --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8
            """;
    }
}
