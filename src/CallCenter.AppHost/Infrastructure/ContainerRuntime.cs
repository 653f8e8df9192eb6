using System.Diagnostics;

namespace CallCenter.AppHost.Infrastructure;

/// <summary>
/// Aspire's container resources retry forever when no engine runs, so we ask the engine before choosing them.
/// </summary>
internal static class ContainerRuntime
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static bool IsAvailable() => Answers("docker") || Answers("podman");

    private static bool Answers(string cli)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(cli, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            // Drain the pipes so a chatty 'info' cannot block on a full buffer.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // The CLI is not installed.
            return false;
        }
    }
}
