namespace CallCenter.ApiService.Hosting;

/// <summary>Which API replica this process is, as named in the Aspire dashboard.</summary>
public sealed class Replica
{
    public const string ServedByHeader = "X-Served-By";

    public Replica(IConfiguration configuration)
    {
        Name = FromResourceAttributes(configuration["OTEL_RESOURCE_ATTRIBUTES"])
            ?? $"{Environment.MachineName}-{Environment.ProcessId}";
    }

    public string Name { get; }

    /// <summary>Aspire gives each replica its own <c>service.instance.id</c>, the name the dashboard shows.</summary>
    private static string? FromResourceAttributes(string? attributes) =>
        attributes?
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] == "service.instance.id" && pair[1].Length > 0)
            .Select(pair => pair[1])
            .FirstOrDefault();
}
