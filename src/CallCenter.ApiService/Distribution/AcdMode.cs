namespace CallCenter.ApiService.Distribution;

/// <summary>How a department's queue is served: offered by the system, or picked from the queue by hand.</summary>
public static class AcdMode
{
    public const string Auto = "auto";
    public const string Manual = "manual";
}
