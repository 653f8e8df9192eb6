using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace CallCenter.Bench.Target;

/// <summary>
/// The baseline app (bench/CallCenter.Bench.Baseline) as a process of its own, so its CPU is counted apart from
/// the load generator's: it listens on a free loopback port and writes into the AppHost's database.
/// </summary>
public sealed class BaselineProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const string ListeningPrefix = "Listening on ";

    private readonly Process _process;

    private BaselineProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    /// <summary>The baseline built beside the bench, in the same configuration (its path is written into the bench's assembly).</summary>
    public static string AssemblyPath => typeof(BaselineProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "BaselineAssembly").Value!;

    public static async Task<BaselineProcess> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { AssemblyPath, "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // In the environment rather than the arguments, where ps would show the password.
        info.Environment["BASELINE_DATABASE"] = connectionString;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith(ListeningPrefix, StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(new Uri(e.Data[ListeningPrefix.Length..]));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(
            new InvalidOperationException($"The baseline {AssemblyPath} exited with {process.ExitCode}: {string.Join(Environment.NewLine, errors)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new BaselineProcess(process, await listening.Task.WaitAsync(StartTimeout, cancellationToken));
        }
        catch
        {
            await new BaselineProcess(process, new Uri("http://127.0.0.1/")).DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }
}
