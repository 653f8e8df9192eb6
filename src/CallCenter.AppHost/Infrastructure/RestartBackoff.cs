namespace CallCenter.AppHost.Infrastructure;

/// <summary>
/// How long the supervisor waits before restarting a crashed server: quick at first, then every 30 s, so a server
/// that cannot start does not spin the machine. A server that stayed up a minute is counted as healthy again.
/// </summary>
public static class RestartBackoff
{
    public static readonly TimeSpan StableUptime = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30),
    ];

    /// <summary>The wait before restart number <paramref name="attempt"/> (0 for the first since the server was stable).</summary>
    public static TimeSpan DelayBefore(int attempt) => Delays[Math.Clamp(attempt, 0, Delays.Length - 1)];

    /// <summary>Whether a server that ran for <paramref name="uptime"/> before crashing starts the schedule over.</summary>
    public static bool ResetsAfter(TimeSpan uptime) => uptime >= StableUptime;
}
