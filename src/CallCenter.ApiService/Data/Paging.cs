namespace CallCenter.ApiService.Data;

/// <summary>A window on a list that grows without bound.</summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>
    /// Matching rows are counted up to this many: an exact count reads every match, which at hundreds of thousands of
    /// rows cost more than the page itself (bench/README.md, lists). Past it the total says "at least this many".
    /// </summary>
    public const int CountLimit = 10_000;
}

/// <summary>A page and the total it is a page of: exact up to <see cref="Paging.CountLimit"/>, a lower bound past it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, Paging Paging, bool TotalIsExact);
