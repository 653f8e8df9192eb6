using CallCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Backups;

/// <summary>An app of its own with backups on (tests run ephemeral, where they are off by default), taken only on demand.</summary>
public sealed class BackupFixture : IAsyncLifetime
{
    public const string BackUpNow = "backup-now";
    public const string ListBackups = "list-backups";

    public CallCenterApp App { get; private set; } = null!;

    public string BackupDirectory => Path.Combine(App.DataRoot, "backups");

    public async Task InitializeAsync() =>
        // One API replica: replicas are not what backups are about, and the suite shares two cores.
        App = await CallCenterApp.StartAsync(apiReplicas: 1, settings: ["--Backup:Enabled=true", "--Backup:Schedule="]);

    public async Task<ExecuteCommandResult> ExecuteAsync(string command)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await App.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync("postgres", command, timeout.Token);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
