using CallCenter.ApiService.Data;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// Counts quarter-hours from the history and stores the settled ones: the roller's step and the rebuild. One replica
/// at a time (a PostgreSQL advisory lock), a day of quarters per transaction so a month's rebuild never holds a month
/// of history in memory.
/// </summary>
public sealed class QuarterRollup(FloorHistoryReader reader, KpiCalculator calculator, CallCenterDatabase database, TimeProvider clock)
{
    private const long RollupLockKey = 0x5374617473517472;

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>
    /// Counts the quarters of <paramref name="range"/> (on the grid), stores the settled ones and forgets any stored
    /// one that is not settled. With <paramref name="waitForLock"/> false it gives up at once (null) when another
    /// replica is already at it.
    /// </summary>
    public async Task<QuarterRoll?> RollAsync(StatsWindow range, bool waitForLock, CancellationToken cancellationToken)
    {
        var total = new QuarterRoll(0, 0);
        for (var start = range.Start; start < range.End; start += Day)
        {
            var chunk = new StatsWindow(start, start + Day < range.End ? start + Day : range.End);
            if (await RollDayAsync(chunk, waitForLock, cancellationToken) is not { } rolled)
            {
                return null;
            }

            total = new QuarterRoll(total.Stored + rolled.Stored, total.Unsettled + rolled.Unsettled);
        }

        return total;
    }

    private Task<QuarterRoll?> RollDayAsync(StatsWindow chunk, bool waitForLock, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            var locked = await work.ExecuteScalarAsync<bool>(
                waitForLock ? "SELECT true FROM pg_advisory_xact_lock(@key)" : "SELECT pg_try_advisory_xact_lock(@key)",
                new { key = RollupLockKey });
            if (!locked)
            {
                return null;
            }

            // Now is read under the lock, after which the history's snapshot is taken: nothing it counts can be newer.
            var now = clock.UtcNow();
            var history = await reader.ReadAsync(chunk, null, [], cancellationToken);
            var quarters = QuarterHours.Between(chunk.Start, chunk.End);
            var settled = QuarterHours.Settled(quarters, history, now);
            var departments = calculator.DepartmentTallies(history, quarters, now);
            var stored = new List<StoredQuarter>();
            var unsettled = new List<DateTime>();
            for (var index = 0; index < quarters.Count; index++)
            {
                if (!settled[index])
                {
                    unsettled.Add(quarters[index].Start);
                    continue;
                }

                var tallies = departments
                    .Where(department => !department.Value[index].CountsNothing())
                    .ToDictionary(department => department.Key, department => department.Value[index], StringComparer.Ordinal);
                stored.Add(StoredQuarter.Of(quarters[index].Start, tallies));
            }

            await QuarterStore.WriteAsync(work, stored, unsettled);
            return new QuarterRoll(stored.Count, unsettled.Count);
        }, cancellationToken);
}

/// <summary>What a roll did: quarters stored, and quarters left to be counted from the history (not settled yet).</summary>
public sealed record QuarterRoll(int Stored, int Unsettled);
