using Cronos;

namespace CallCenter.AppHost.Backups;

/// <summary><c>Backup:Schedule</c>, read as cron in the machine's local time zone (so "0 2 * * *" is 02:00 on the wall clock).</summary>
public sealed class BackupSchedule(CronExpression expression, TimeProvider time)
{
    /// <summary>Null when the schedule is empty: only Back up now takes backups.</summary>
    public static BackupSchedule? Parse(string? schedule, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return null;
        }

        try
        {
            return new BackupSchedule(CronExpression.Parse(schedule), time);
        }
        catch (CronFormatException exception)
        {
            throw new InvalidOperationException($"Backup:Schedule '{schedule}' is not a cron expression: {exception.Message}", exception);
        }
    }

    /// <summary>The next run strictly after now, or null if the expression never fires again.</summary>
    public DateTimeOffset? NextRun() => expression.GetNextOccurrence(time.GetUtcNow(), time.LocalTimeZone);
}
