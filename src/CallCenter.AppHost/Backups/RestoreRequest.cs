using System.Globalization;

namespace CallCenter.AppHost.Backups;

/// <summary>
/// <c>restore --from &lt;backup directory&gt; --to &lt;new data root&gt; [--time &lt;ISO 8601&gt;] [--bin &lt;PostgreSQL bin&gt;]</c>.
/// </summary>
public sealed record RestoreRequest(string From, string To, DateTimeOffset? Time = null, string? BinDirectory = null)
{
    public const string Usage =
        "restore --from <backup directory> --to <new data root> [--time <ISO 8601 time, e.g. 2026-12-03T06:30:00Z>] [--bin <PostgreSQL bin folder>]";

    public static RestoreRequest Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (args[i] is not ("--from" or "--to" or "--time" or "--bin") || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected '{args[i]}'. Usage: {Usage}");
            }

            values[args[i]] = args[i + 1];
        }

        if (!values.TryGetValue("--from", out var from) || !values.TryGetValue("--to", out var to))
        {
            throw new ArgumentException($"Both --from and --to are needed. Usage: {Usage}");
        }

        DateTimeOffset? time = null;
        if (values.TryGetValue("--time", out var text))
        {
            time = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new ArgumentException($"--time '{text}' is not a time; write it like 2026-12-03T06:30:00Z.");
        }

        return new RestoreRequest(Path.GetFullPath(from), Path.GetFullPath(to), time, values.GetValueOrDefault("--bin"));
    }

    /// <summary>
    /// The newest verified backup that finished by the target time (the newest of all without one): recovery starts
    /// there and replays archived WAL up to the target.
    /// </summary>
    public BackupRecord ChooseBackup(IReadOnlyList<BackupRecord> catalog)
    {
        var verified = catalog.Where(record => record.Outcome == BackupOutcome.Verified).OrderByDescending(record => record.FinishedAt).ToList();
        if (verified.Count == 0)
        {
            throw new InvalidOperationException($"{From} holds no verified backup.");
        }

        return Time is not { } target
            ? verified[0]
            : verified.FirstOrDefault(record => record.FinishedAt <= target) ?? throw new InvalidOperationException(
                $"No verified backup had finished by {target:u}; the oldest finished at {verified[^1].FinishedAt:u}.");
    }
}
