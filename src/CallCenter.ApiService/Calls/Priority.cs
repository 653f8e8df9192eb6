namespace CallCenter.ApiService.Calls;

/// <summary>Priorities shared by calls and tickets; the queue serves higher ranks first.</summary>
public static class Priority
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
    public const string Urgent = "urgent";

    /// <summary>The highest rank, <see cref="Urgent"/>'s.</summary>
    public const int TopRank = 4;

    /// <summary>1 (low) to <see cref="TopRank"/> (urgent); anything else ranks as low, as <see cref="RankSql"/> does.</summary>
    public static int Rank(string priority) => priority switch
    {
        Urgent => 4,
        High => 3,
        Medium => 2,
        _ => 1,
    };

    /// <summary>SQL ordering expression; the column is trusted, the values are ours.</summary>
    public static string RankSql(string column) =>
        $"CASE {column} WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END";
}
