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

    /// <summary>
    /// Each bucket's tally: its pieces joined in order, from the report's scope of the stored quarters and the counted
    /// pieces. A bucket of one piece is that piece's tally as it is.
    /// </summary>
    public IReadOnlyList<KpiTally> Tallies(IReadOnlyDictionary<DateTime, KpiTally> stored, IReadOnlyDictionary<StatsWindow, KpiTally> counted)
    {
        KpiTally Of(ReportPiece piece) => piece.Stored ? stored[piece.Window.Start] : counted[piece.Window];
        return [.. Buckets.Select(pieces => pieces.Count == 1 ? Of(pieces[0]) : pieces.Skip(1).Aggregate(Of(pieces[0]), (sum, piece) => sum.Then(Of(piece))))];
    }
}

/// <summary>A stretch of a bucket: a stored quarter, or a window to count from the history.</summary>
public sealed record ReportPiece(StatsWindow Window, bool Stored);
