namespace CallCenter.AppHost.Infrastructure;

internal static class PostgresBinaries
{
    private static readonly string[] SearchRoots = ["/usr/lib/postgresql", "/usr/local/opt", "/opt/homebrew/opt"];

    /// <summary>Finds the folder with <c>initdb</c> and <c>postgres</c>, newest major version first.</summary>
    public static string Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServer(configured)
                ? configured
                : throw new InvalidOperationException(
                    $"Infrastructure:PostgresBinDirectory is '{configured}', but it holds no 'initdb' and 'postgres'.");
        }

        return Candidates().FirstOrDefault(HasServer) ?? throw new InvalidOperationException(
            "Local infrastructure needs the PostgreSQL server binaries (initdb, postgres) and none were found in "
            + $"{string.Join(", ", SearchRoots)} or on PATH. Install them (Debian/Ubuntu: 'apt-get install postgresql'), "
            + "set Infrastructure:PostgresBinDirectory, or run with a container engine (Infrastructure:Mode=Containers).");
    }

    /// <summary>The folder with <c>pg_basebackup</c>, for backing up a server that runs elsewhere (a container); null if none.</summary>
    public static string? LocateClient(string? configured) =>
        (string.IsNullOrWhiteSpace(configured) ? Candidates() : [configured])
            .FirstOrDefault(directory => File.Exists(Path.Combine(directory, "pg_basebackup")));

    /// <summary>Versioned install folders and PATH, newest major version first.</summary>
    private static IEnumerable<string> Candidates() => SearchRoots
        .Where(Directory.Exists)
        .SelectMany(root => Directory.EnumerateDirectories(root))
        .Select(versionDirectory => Path.Combine(versionDirectory, "bin"))
        .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        .OrderByDescending(MajorVersion);

    private static bool HasServer(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "postgres"));

    private static int MajorVersion(string binDirectory)
    {
        var versionName = Path.GetFileName(Path.GetDirectoryName(binDirectory)) ?? "";
        var digits = new string(versionName.SkipWhile(c => !char.IsDigit(c)).TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, out var major) ? major : 0;
    }
}
