using System.Diagnostics;
using CallCenter.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace CallCenter.Tests.Foundation;

/// <summary>
/// Its own app rather than the shared one: it stops the app, which the other tests must never see.
/// </summary>
public sealed class LifecycleTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The promise for a stop: everything gone within 10 s.</summary>
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(10);

    private readonly string _dataRoot = Directory.CreateTempSubdirectory("callcenter-lifecycle-").FullName;

    [Fact]
    public async Task RestartOnSameDataRootKeepsRowsAndLeavesNoServersBehind()
    {
        var note = $"call {Guid.NewGuid():N}";

        var first = await StartAsync();
        IReadOnlySet<int> servers;
        try
        {
            await ExecuteAsync(first, "CREATE TABLE lifecycle_probe (note text NOT NULL)");
            await ExecuteAsync(first, "INSERT INTO lifecycle_probe (note) VALUES (@note)", note);
            servers = ServerProcesses.Of(first);
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }

        var stopping = Stopwatch.StartNew();
        await first.DisposeAsync().AsTask().WaitAsync(StopBudget);
        var leftovers = await WaitUntilGoneAsync(servers, StopBudget - stopping.Elapsed);
        output.WriteLine($"Stopped in {stopping.Elapsed.TotalSeconds:F1} s; {servers.Count} server processes were running.");
        Assert.Empty(leftovers);

        await using var second = await StartAsync();
        Assert.Equal(note, await ExecuteAsync(second, "SELECT note FROM lifecycle_probe"));
    }

    public void Dispose() => Directory.Delete(_dataRoot, recursive: true);

    private async Task<CallCenterApp> StartAsync()
    {
        var starting = Stopwatch.StartNew();
        // One API replica: replicas are not what this test is about, and the suite shares two cores.
        var app = await CallCenterApp.StartAsync(_dataRoot, apiReplicas: 1).WaitAsync(CallCenterApp.StartTimeout + QueryTimeout);
        output.WriteLine($"Started in {starting.Elapsed.TotalSeconds:F1} s.");
        return app;
    }

    /// <summary>Runs one statement on a connection of its own, unpooled, so no idle session outlives the test's use.</summary>
    private static async Task<object?> ExecuteAsync(CallCenterApp app, string sql, string? note = null)
    {
        using var timeout = new CancellationTokenSource(QueryTimeout);
        var connectionString = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync("callcenterdb").WaitAsync(timeout.Token))
        {
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(timeout.Token);
        await using var command = new NpgsqlCommand(sql, connection);
        if (note is not null)
        {
            command.Parameters.AddWithValue("note", note);
        }

        return await command.ExecuteScalarAsync(timeout.Token);
    }

    /// <summary>Polls /proc until the processes are gone or the time is up; returns those still running.</summary>
    private async Task<IReadOnlyList<string>> WaitUntilGoneAsync(IReadOnlySet<int> pids, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var running = ServerProcesses.StillRunning(pids, _dataRoot);
        while (running.Count > 0 && deadline.Elapsed < within && await poll.WaitForNextTickAsync())
        {
            running = ServerProcesses.StillRunning(pids, _dataRoot);
        }

        return running;
    }
}
