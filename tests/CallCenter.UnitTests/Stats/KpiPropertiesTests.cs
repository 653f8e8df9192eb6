using CallCenter.ApiService.Stats;
using CsCheck;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

/// <summary>What must hold for any history: buckets add up, ratios stay in [0, 1], every offered call is accounted for.</summary>
public sealed class KpiPropertiesTests
{
    private static readonly KpiCalculator Calculator = new(new StatsOptions { Departments = { ["sales"] = new() { ServiceLevelSeconds = 10 } } });

    private static readonly IntervalGrid Grid = new(Riyadh);

    private static IReadOnlyList<KpiFigures> Buckets(FloorHistory history, StatsInterval interval, string? department = null) =>
        Calculator.Figures(history, Grid.Buckets(Nine, End, interval), department, End);

    private static (int, int, int, int, int, int, int, int, int) Counts(IEnumerable<KpiFigures> figures) =>
        figures.Aggregate((0, 0, 0, 0, 0, 0, 0, 0, 0), (sum, next) => (
            sum.Item1 + next.Offered, sum.Item2 + next.TransfersIn, sum.Item3 + next.Callbacks, sum.Item4 + next.Answered,
            sum.Item5 + next.AnsweredWithinThreshold, sum.Item6 + next.Abandoned, sum.Item7 + next.ShortAbandoned,
            sum.Item8 + next.TransferredOut, sum.Item9 + next.Handled));

    private static double ActivitySeconds(IEnumerable<AgentFigures> agents) =>
        agents.Sum(agent => agent.SecondsByActivity.Values.Sum());

    [Fact]
    public void QuarterHoursAddUpToTheirHourAndHoursToTheRange() =>
        AnyHistory.Sample(history =>
        {
            var quarters = Buckets(history, StatsInterval.QuarterHour);
            var hours = Buckets(history, StatsInterval.Hour);
            var whole = Calculator.Figures(history, new StatsWindow(Nine, End), null, End);
            Assert.All(hours, hour => Assert.Equal(Counts([hour]), Counts(quarters.Where(quarter => hour.Window.Start <= quarter.Window.Start && quarter.Window.End <= hour.Window.End))));
            Assert.Equal(Counts([whole]), Counts(hours));
        });

    [Fact]
    public void ActivitySecondsPerBucketAddUpToTheTimeClippedToTheRange() =>
        AnyHistory.Sample(history =>
        {
            var perQuarter = ActivitySeconds(Calculator.Agents(history, Grid.Buckets(Nine, End, StatsInterval.QuarterHour), null, End));
            var clipped = history.Spans.Sum(span => ((span.EndedAt ?? End) - span.StartedAt).TotalSeconds);
            Assert.Equal(clipped, perQuarter, 6);
            Assert.Equal(clipped, ActivitySeconds(Calculator.Agents(history, [new StatsWindow(Nine, End)], null, End)), 6);
        });

    [Fact]
    public void TheCenterIsTheSumOfItsDepartments() =>
        AnyHistory.Sample(history =>
        {
            var center = Buckets(history, StatsInterval.Hour);
            var departments = Departments.Select(department => Buckets(history, StatsInterval.Hour, department)).ToList();
            for (var index = 0; index < center.Count; index++)
            {
                Assert.Equal(Counts([center[index]]), Counts(departments.Select(figures => figures[index])));
                Assert.Equal(center[index].CallsWaiting, departments.Sum(figures => figures[index].CallsWaiting));
            }
        });

    [Fact]
    public void EveryOfferedCallIsAnsweredAbandonedTransferredOutOrStillWaiting() =>
        AnyHistory.Sample(history => Assert.All(Buckets(history, StatsInterval.QuarterHour), bucket =>
        {
            var stillWaiting = history.Visits.Count(visit => !visit.IsTransferIn && visit.Outcome == VisitOutcome.Waiting && bucket.Window.Contains(visit.EnteredAt));
            Assert.Equal(bucket.Offered, bucket.Answered + bucket.Abandoned + bucket.TransferredOut + stillWaiting);
        }));

    [Fact]
    public void RatiosStayWithinZeroAndOneAndAreNeverNaN() =>
        AnyHistory.Sample(history =>
        {
            var figures = Buckets(history, StatsInterval.QuarterHour).Concat(Buckets(history, StatsInterval.Day));
            Assert.All(figures, bucket =>
            {
                Assert.All([bucket.ServiceLevel, bucket.AbandonRate, bucket.Occupancy], ratio => Assert.True(ratio is null or >= 0 and <= 1, $"{ratio}"));
                Assert.Equal(bucket.ServiceLevel is null, bucket.Answered + bucket.Abandoned - bucket.ShortAbandoned == 0);
                Assert.Equal(bucket.AsaSeconds is null, bucket.Answered == 0);
                Assert.Equal(bucket.AhtSeconds is null, bucket.Handled == 0);
            });
            Assert.All(Calculator.Agents(history, Grid.Buckets(Nine, End, StatsInterval.Hour), null, End),
                agent => Assert.True(agent.Occupancy is null or >= 0 and <= 1));
        });
}
