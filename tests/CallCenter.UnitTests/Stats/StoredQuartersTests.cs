using System.Text.Json;
using CallCenter.ApiService.Stats;
using CsCheck;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

/// <summary>
/// Reports join stored quarter-hours and count only the rest from the history: for any history, that must give
/// exactly the figures counting everything from the history gives (rebuilt == incremental), through the JSON they
/// are stored as.
/// </summary>
public sealed class StoredQuartersTests
{
    private static readonly StatsOptions Options = new()
    {
        ShortAbandonSeconds = 4,
        Departments = { ["sales"] = new() { ServiceLevelSeconds = 10, ServiceLevelTarget = 0.9 } },
    };

    private static readonly KpiCalculator Calculator = new(Options);

    private static readonly string?[] Scopes = [null, .. Departments];

    /// <summary>Stored the way <see cref="QuarterRollup"/> stores them, and read back.</summary>
    private static List<StoredQuarter> Stored(FloorHistory history, DateTime from, DateTime until, DateTime now)
    {
        if (from == until)
        {
            return [];
        }

        var quarters = QuarterHours.Between(from, until);
        var departments = Calculator.DepartmentTallies(history, quarters, now);
        return [.. quarters.Select((quarter, index) =>
        {
            var stored = StoredQuarter.Of(quarter.Start, departments
                .Where(department => !department.Value[index].CountsNothing())
                .ToDictionary(department => department.Key, department => department.Value[index]));
            return new StoredQuarter(
                quarter.Start,
                RoundTrip(stored.Center),
                stored.Departments.ToDictionary(department => department.Key, department => RoundTrip(department.Value)));
        })];
    }

    private static KpiTally RoundTrip(KpiTally tally) => QuarterStore.TallyOf(QuarterStore.JsonOf(tally));

    private static string Json(KpiFigures figures) => JsonSerializer.Serialize(figures);

    private static readonly Gen<(FloorHistory History, int Quarters, int NowSeconds)> HistoryStoredUpToAQuarter =
        Gen.Select(AnyHistory, Gen.Int[0, 24], Gen.Int[0, 6 * 3600]);

    [Fact]
    public void StoredQuartersThenTheHistoryCountLikeTheHistoryAlone() =>
        HistoryStoredUpToAQuarter.Sample((history, storedQuarters, nowSeconds) =>
        {
            var storedUntil = Nine + (QuarterHours.Length * storedQuarters);
            // Stored quarters are settled, so now is at least a settle time past them.
            var now = storedUntil + QuarterHours.SettleTime + TimeSpan.FromSeconds(nowSeconds);
            var whole = new StatsWindow(Nine, End + TimeSpan.FromHours(7));
            var stored = Stored(history, Nine, storedUntil, now);
            foreach (var scope in Scopes)
            {
                var joined = stored.Aggregate(new KpiTally(), (sum, quarter) => sum.Then(quarter.For(scope)))
                    .Then(Calculator.Tallies(history, [new StatsWindow(storedUntil, whole.End)], scope, now)[0]);
                Assert.Equal(Json(Calculator.Figures(history, whole, scope, now)), Json(joined.Figures(whole, scope, Options)));
            }
        });

    [Fact]
    public void HoursAndDaysJoinedFromStoredQuartersEqualThemCounted() =>
        AnyHistory.Sample(history =>
        {
            var stored = Stored(history, Day.AddDays(-1), Day.AddDays(1), Day.AddDays(2)).ToDictionary(quarter => quarter.Start);
            var grid = new IntervalGrid(Riyadh);
            foreach (var interval in new[] { StatsInterval.Hour, StatsInterval.Day })
            {
                var buckets = grid.Buckets(Nine, End, interval);
                foreach (var scope in Scopes)
                {
                    var counted = Calculator.Figures(history, buckets, scope, Day.AddDays(2));
                    var joined = buckets.Select(bucket => QuarterHours.Of(bucket)!
                        .Aggregate(new KpiTally(), (sum, quarter) => sum.Then(stored[quarter.Start].For(scope)))
                        .Figures(bucket, scope, Options));
                    Assert.Equal(counted.Select(Json), joined.Select(Json));
                }
            }
        });

    [Fact]
    public void TheCentersTallyIsItsDepartmentsAddedUp() =>
        AnyHistory.Sample(history =>
        {
            var window = new StatsWindow(Nine, End);
            var departments = Calculator.DepartmentTallies(history, [window], End);
            var added = departments.Values.Aggregate(new KpiTally(), (sum, tallies) => sum.Plus(tallies[0]));
            Assert.Equal(Json(Calculator.Figures(history, window, null, End)), Json(added.Figures(window, null, Options)));
        });
}
