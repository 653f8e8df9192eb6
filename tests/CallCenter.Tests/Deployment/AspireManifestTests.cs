using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CallCenter.Tests.Deployment;

/// <summary>
/// deploy/aspire-manifest.json is what the AppHost publishes now: the AppHost (already built with the tests) is run
/// in publish mode, as the committed file was made, and the two must be equal. To refresh the file after changing the
/// AppHost, run the command in <see cref="Arguments"/> (see docs/operations.md).
/// </summary>
public sealed class AspireManifestTests
{
    /// <summary>Containers mode describes PostgreSQL and Redis by image, not by this machine's paths; Production as deployed.</summary>
    public static readonly string[] Arguments =
        ["--publisher", "manifest", "--Infrastructure:Mode=Containers", "--Services:Environment=Production"];

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CommittedManifestIsWhatTheAppHostPublishes()
    {
        var root = Path.GetFullPath(Path.Combine(AppHostFolder, "..", ".."));
        var committed = Path.Combine(root, "deploy", "aspire-manifest.json");
        // Beside the committed one, so the projects' relative paths come out the same.
        var fresh = Path.Combine(root, "deploy", $"aspire-manifest.{Guid.NewGuid():N}.json");
        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            await PublishAsync(fresh, timeout.Token);

            var expected = JsonNode.Parse(await File.ReadAllTextAsync(committed));
            var actual = JsonNode.Parse(await File.ReadAllTextAsync(fresh));
            Assert.True(JsonNode.DeepEquals(expected, actual),
                $"deploy/aspire-manifest.json differs from what the AppHost publishes; regenerate it:\n{actual}");
        }
        finally
        {
            File.Delete(fresh);
        }
    }

    private static string AppHostFolder => Projects.CallCenter_AppHost.ProjectPath;

    private static async Task PublishAsync(string output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppHostFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["run", "--no-build", "-c", Configuration(), "--", .. Arguments, "--output-path", output])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var log = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(cancellationToken);
            Assert.True(process.ExitCode == 0, $"Publishing the manifest failed ({process.ExitCode}):\n{await log}\n{await errors}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The configuration these tests were built in, which the AppHost was built in too.</summary>
    private static string Configuration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
}
