namespace CallCenter.ApiService.Data;

/// <summary>A window on a list that grows without bound.</summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, Paging Paging);
