using System.Text.Json;
using System.Text.Json.Serialization;

namespace CallCenter.AppHost.Backups;

/// <summary>
/// <c>catalog.json</c> in the backup directory: every base backup on disk, oldest first. Written whole to a temporary
/// file and renamed, so a crash leaves the old catalog or the new one, never half of one.
/// </summary>
public static class BackupCatalog
{
    public const string FileName = "catalog.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IReadOnlyList<BackupRecord> Parse(string json) =>
        JsonSerializer.Deserialize<List<BackupRecord>>(json, Json) ?? [];

    public static string Format(IEnumerable<BackupRecord> records) =>
        JsonSerializer.Serialize(records.OrderBy(record => record.StartedAt).ToList(), Json);

    public static IReadOnlyList<BackupRecord> Load(string backupDirectory)
    {
        var path = Path.Combine(backupDirectory, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : [];
    }

    public static void Save(string backupDirectory, IEnumerable<BackupRecord> records)
    {
        var path = Path.Combine(backupDirectory, FileName);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(Format(records));
            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
