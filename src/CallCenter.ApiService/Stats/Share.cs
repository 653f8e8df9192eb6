namespace CallCenter.ApiService.Stats;

/// <summary>A ratio that is null, not NaN or infinity, when there is nothing to divide by.</summary>
internal static class Share
{
    public static double? Of(double part, double whole) => whole > 0 ? part / whole : null;

    public static double? SecondsPer(TimeSpan total, int count) => count > 0 ? total.TotalSeconds / count : null;
}
