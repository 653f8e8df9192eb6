using System.Diagnostics;

namespace CallCenter.ApiService.Data;

/// <summary>
/// Background work that touches PostgreSQL every tick would log every tick while it is away: this logs the outage
/// once when the work first fails and once when it works again, with how long it lasted.
/// </summary>
internal sealed class OutageLog(ILogger logger, string work)
{
    private long? _since;

    public void Failed(Exception exception)
    {
        if (_since is null)
        {
            _since = Stopwatch.GetTimestamp();
            logger.LogWarning(exception, "{Work} failed: PostgreSQL is unreachable; retrying quietly until it answers", work);
        }
    }

    public void Succeeded()
    {
        if (_since is { } since)
        {
            _since = null;
            logger.LogInformation("{Work} works again after {Outage:g} without PostgreSQL", work, Stopwatch.GetElapsedTime(since));
        }
    }
}
