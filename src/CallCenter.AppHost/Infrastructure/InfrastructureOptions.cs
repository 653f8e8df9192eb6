using Microsoft.Extensions.Configuration;

namespace CallCenter.AppHost.Infrastructure;

public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, local processes otherwise.</summary>
    Auto,
    Containers,
    Local,
}

/// <summary>The <c>Infrastructure</c> section of the AppHost's configuration.</summary>
public sealed class InfrastructureOptions
{
    public const string SectionName = "Infrastructure";

    public InfrastructureMode Mode { get; set; } = InfrastructureMode.Auto;

    /// <summary>Where Local mode keeps PostgreSQL's and Redis's data between runs.</summary>
    public string? DataRoot { get; set; }

    /// <summary>Folder holding <c>initdb</c> and <c>postgres</c>; found automatically when unset.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>Path of <c>redis-server</c>; looked up on PATH when unset. Garnet runs when none is found.</summary>
    public string? RedisServerPath { get; set; }

    /// <summary>Runs Microsoft Garnet even where <c>redis-server</c> is installed: what a machine without Redis gets.</summary>
    public bool UseGarnet { get; set; }

    /// <summary>
    /// Throw-away data (tests): PostgreSQL runs without fsync. Never set this for data you want to keep.
    /// </summary>
    public bool Ephemeral { get; set; }

    public static InfrastructureOptions From(IConfiguration configuration)
    {
        var options = new InfrastructureOptions();
        configuration.GetSection(SectionName).Bind(options);
        return options;
    }

    public string ResolveDataRoot()
    {
        if (!string.IsNullOrWhiteSpace(DataRoot))
        {
            return Path.GetFullPath(DataRoot);
        }

        // PostgreSQL runs as the unprivileged 'postgres' user when we are root, and it cannot reach /root.
        if (Environment.IsPrivilegedProcess)
        {
            return "/var/lib/callcenter";
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "callcenter");
    }
}
