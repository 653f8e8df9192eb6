namespace CallCenter.ApiService.Stats;

/// <summary>
/// How a report's buckets are put together: each bucket on the quarter-hour grid from its quarters, each quarter as
/// stored where it is stored; whatever is not stored (a quarter not settled yet, a bucket off the grid) is counted from
/// the history, read once per stretch of consecutive pieces, so a month whose first day predates the stored quarters
/// reads that day and today, not the month between.
/// </summary>
public sealed record ReportPlan(IReadOnlyList<IReadOnlyList<ReportPiece>> Buckets, IReadOnlyList<StatsWindow> Reads)
{
    /// <summary>Past this many stretches, one read spans them all: a few large reads beat many round trips.</summary>
    public const int MaxReads = 8;

    public static ReportPlan For(IReadOnlyList<StatsWindow> buckets, IReadOnlySet<DateTime> stored)
    {
        var pieces = buckets.Select(bucket => (IReadOnlyList<ReportPiece>)(QuarterHours.Of(bucket) is { } quarters
            ? [.. quarters.Select(quarter => new ReportPiece(quarter, stored.Contains(quarter.Start)))]
            : [new ReportPiece(bucket, false)])).ToList();
        var reads = QuarterHours.Joined(pieces.SelectMany(bucket => bucket).Where(piece => !piece.Stored).Select(piece => piece.Window)).ToList();
        return new ReportPlan(pieces, reads.Count > MaxReads ? [new StatsWindow(reads[0].Start, reads[^1].End)] : reads);
    }

    /// <summary>The pieces to count from the history read over <paramref name="read"/>, in order.</summary>
    public IReadOnlyList<StatsWindow> CountedWithin(StatsWindow read) =>
        [.. Buckets.SelectMany(bucket => bucket).Where(piece => !piece.Stored && read.Start <= piece.Window.Start && piece.Window.End <= read.End).Select(piece => piece.Window)];

    /// <summary>Each bucket's tally: its pieces joined in order, from the stored quarters and the counted pieces.</summary>
    public IReadOnlyList<KpiTally> Tallies(
        IReadOnlyDictionary<DateTime, StoredQuarter> stored, IReadOnlyDictionary<StatsWindow, KpiTally> counted, string? department) =>
        [.. Buckets.Select(pieces => pieces.Aggregate(
            new KpiTally(), (sum, piece) => sum.Then(piece.Stored ? stored[piece.Window.Start].For(department) : counted[piece.Window])))];
}

/// <summary>A stretch of a bucket: a stored quarter, or a window to count from the history.</summary>
public sealed record ReportPiece(StatsWindow Window, bool Stored);
