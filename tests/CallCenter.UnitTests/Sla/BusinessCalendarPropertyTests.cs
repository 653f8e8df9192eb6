using CsCheck;
using static CallCenter.UnitTests.Sla.CalendarGen;

namespace CallCenter.UnitTests.Sla;

/// <summary>What every business calendar must satisfy, over random zones, spans, holidays, instants and durations.</summary>
public sealed class BusinessCalendarPropertyTests
{
    // Each sample costs microseconds, and the rare cases (a boundary hit exactly, a change day) need many of them.
    private const int Iterations = 2_000;

    [Fact]
    public void AddIsMonotonicInTheDuration() =>
        Gen.Select(Calendar, Instant, Duration, Duration).Sample((calendar, start, a, b) =>
            calendar.Add(start, a < b ? a : b) <= calendar.Add(start, a < b ? b : a), iter: Iterations);

    [Fact]
    public void AddIsMonotonicInTheStart() =>
        Gen.Select(Calendar, Instant, Instant, Duration).Sample((calendar, a, b, duration) =>
            calendar.Add(a < b ? a : b, duration) <= calendar.Add(a < b ? b : a, duration), iter: Iterations);

    [Fact]
    public void AddingAThenBIsAddingTheSum() =>
        Gen.Select(Calendar, Instant, Duration, Duration).Sample((calendar, start, a, b) =>
            calendar.Add(calendar.Add(start, a), b) == calendar.Add(start, a + b), iter: Iterations);

    [Fact]
    public void BetweenTheStartAndTheDueTimeIsTheDuration() =>
        Gen.Select(Calendar, Instant, Duration).Sample((calendar, start, duration) =>
            calendar.Between(start, calendar.Add(start, duration)) == duration, iter: Iterations);

    [Fact]
    public void AddNeverLandsInsideClosedTime() =>
        Gen.Select(Calendar, Instant, Duration).Sample((calendar, start, duration) =>
            calendar.IsOpen(calendar.Add(start, duration).AddTicks(-1)), iter: Iterations);

    [Fact]
    public void AddOfTheOpenTimeBeforeAnInstantStopsAtItOrAtTheLastClosingBeforeIt() =>
        Gen.Select(Calendar, Instant, Instant).Sample((calendar, start, until) =>
        {
            var open = calendar.Between(start, until);
            var due = calendar.Add(start, open);
            return open == TimeSpan.Zero
                ? due == start
                : due <= until && calendar.Between(due, until) == TimeSpan.Zero && calendar.IsOpen(due.AddTicks(-1));
        }, iter: Iterations);

    [Fact]
    public void PausingMovesTheDueTimeByTheBusinessTimeInsideThePause() =>
        Gen.Select(Calendar, Instant, Duration, Gen.Double[0, 1], Gen.Long[0, TimeSpan.FromDays(5).Ticks]).Sample((calendar, start, target, at, pauseTicks) =>
        {
            var due = calendar.Add(start, target);
            var pausedAt = start.AddTicks((long)((due - start).Ticks * at));
            var resumedAt = pausedAt.AddTicks(pauseTicks);
            if (pausedAt >= due)
            {
                return true;
            }

            var resumedDue = calendar.Add(resumedAt, calendar.Between(pausedAt, due));
            return calendar.Between(due, resumedDue) == calendar.Between(pausedAt, resumedAt);
        }, iter: Iterations);

    [Fact]
    public void IsOpenAgreesWithBetweenOverOneTick() =>
        Gen.Select(Calendar, Instant).Sample((calendar, instant) =>
            calendar.IsOpen(instant) == (calendar.Between(instant, instant.AddTicks(1)) == TimeSpan.FromTicks(1)), iter: Iterations);

    [Fact]
    public void NothingChangesBeforeNextChangeAndSomethingDoesAtIt() =>
        Gen.Select(Calendar, Instant).Sample((calendar, instant) =>
        {
            var next = calendar.NextChange(instant);
            if (next is not { } change)
            {
                return calendar.Between(instant, instant.AddDays(30)) == TimeSpan.FromDays(30);
            }

            var open = calendar.IsOpen(instant);
            return change > instant
                && calendar.Between(instant, change) == (open ? change - instant : TimeSpan.Zero)
                && calendar.IsOpen(change) != open;
        }, iter: Iterations);
}
