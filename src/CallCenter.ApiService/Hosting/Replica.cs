namespace CallCenter.ApiService.Hosting;

/// <summary>Which API replica this process is, as named in the Aspire dashboard.</summary>
public sealed class Replica
{
    public const string ServedByHeader = "X-Served-By";

    public Replica(IConfiguration configuration)
    {
        var instance = FromResourceAttributes(configuration["OTEL_RESOURCE_ATTRIBUTES"]);
        var service = configuration["OTEL_SERVICE_NAME"];
        // The dashboard names a replica "{service}-{instance}" (api-xchjjyqa); so do we.
        Name = instance is null ? $"{Environment.MachineName}-{Environment.ProcessId}"
            : service is null || instance.StartsWith(service + "-", StringComparison.Ordinal) ? instance
            : $"{service}-{instance}";
    }

    public string Name { get; }

    /// <summary>Aspire gives each replica its own <c>service.instance.id</c>.</summary>
    private static string? FromResourceAttributes(string? attributes) =>
        attributes?
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] == "service.instance.id" && pair[1].Length > 0)
            .Select(pair => pair[1])
            .FirstOrDefault();
}
