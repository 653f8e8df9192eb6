namespace CallCenter.ApiService.Stats;

/// <summary>
/// One settled quarter-hour as stored: the whole center's tally and each department's (a department with nothing to
/// count is left out). The center's is stored, not added up on each read, so a month's report parses one tally a quarter.
/// </summary>
public sealed record StoredQuarter(DateTime Start, KpiTally Center, IReadOnlyDictionary<string, KpiTally> Departments)
{
    /// <summary>Counted from its departments' tallies.</summary>
    public static StoredQuarter Of(DateTime start, IReadOnlyDictionary<string, KpiTally> departments) =>
        new(start, departments.Values.Aggregate(new KpiTally(), (center, next) => center.Plus(next)), departments);

    /// <summary>One department's tally, or the whole center's.</summary>
    public KpiTally For(string? department) =>
        department is null ? Center : Departments.GetValueOrDefault(department) ?? new KpiTally();
}
