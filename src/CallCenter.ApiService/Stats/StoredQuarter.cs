namespace CallCenter.ApiService.Stats;

/// <summary>One settled quarter-hour as stored: each department's tally (a department with nothing to count is left out).</summary>
public sealed record StoredQuarter(DateTime Start, IReadOnlyDictionary<string, KpiTally> Departments)
{
    /// <summary>One department's tally, or the whole center's: its departments added up.</summary>
    public KpiTally For(string? department) => department is null
        ? Departments.Values.Aggregate(new KpiTally(), (center, next) => center.Plus(next))
        : Departments.GetValueOrDefault(department) ?? new KpiTally();
}
