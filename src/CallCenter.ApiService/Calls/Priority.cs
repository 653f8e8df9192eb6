namespace CallCenter.ApiService.Calls;

/// <summary>Priorities shared by calls and tickets; the queue serves higher ranks first.</summary>
public static class Priority
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
    public const string Urgent = "urgent";

    /// <summary>SQL ordering expression; the column is trusted, the values are ours.</summary>
    public static string RankSql(string column) =>
        $"CASE {column} WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END";
}
