using CallCenter.ApiService.Sla;
using CsCheck;
using static CallCenter.UnitTests.Sla.CalendarGen;

namespace CallCenter.UnitTests.Sla;

/// <summary>A target's clock over random calendars and random runs of pauses, as a ticket waiting on its customer makes them.</summary>
public sealed class SlaClockPropertyTests
{
    private const int Iterations = 1_000;

    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(15);

    /// <summary>Up to four pauses: each starts some time after the last resume and lasts up to two days.</summary>
    private static readonly Gen<(long After, long Length)[]> Pauses =
        Gen.Select(Gen.Long[0, TimeSpan.FromHours(12).Ticks], Gen.Long[0, TimeSpan.FromDays(2).Ticks]).Array[0, 4];

    [Fact]
    public void PausesMoveTheDueTimeByExactlyTheBusinessTimeInsideThem() =>
        Gen.Select(Calendar, Instant, Gen.Int[1, 2_000], Pauses).Sample((calendar, start, minutes, pauses) =>
        {
            var target = SlaClock.Start(SlaKind.Resolution, new SlaTerms(minutes, BusinessTime: true), start, calendar, Lead);
            var now = start;
            var paused = TimeSpan.Zero;
            foreach (var (after, length) in pauses)
            {
                var pauseAt = now.AddTicks(after);
                if (pauseAt >= target.DueAt)
                {
                    break;
                }

                var resumeAt = pauseAt.AddTicks(length);
                target = SlaClock.Resume(SlaClock.Pause(target, pauseAt, calendar), resumeAt, calendar, Lead);
                paused += calendar.Between(pauseAt, resumeAt);
                now = resumeAt;
            }

            return target.DueAt == calendar.Add(start, TimeSpan.FromMinutes(minutes) + paused)
                && SlaClock.Used(target, target.DueAt!.Value, calendar) == TimeSpan.FromMinutes(minutes);
        }, iter: Iterations);

    [Fact]
    public void TheWarningNeverComesAfterTheDeadlineNorBeforeTheStart() =>
        Gen.Select(Calendar, Instant, Gen.Int[1, 2_000], Gen.Int[0, 120]).Sample((calendar, start, minutes, lead) =>
        {
            var target = SlaClock.Start(SlaKind.FirstResponse, new SlaTerms(minutes, BusinessTime: true), start, calendar, TimeSpan.FromMinutes(lead));
            return start <= target.WarnAt && target.WarnAt <= target.DueAt
                && (minutes <= lead || calendar.Between(target.WarnAt!.Value, target.DueAt!.Value) == TimeSpan.FromMinutes(lead));
        }, iter: Iterations);
}
