using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CallCenter.AppHost.Backups;

/// <summary>What a verified backup says about itself.</summary>
public sealed record VerifiedBackup(string StartWalFile, int FileCount);

/// <summary>
/// Reads a tar-format base backup end to end and checks it against its <c>backup_manifest</c>: every file the server
/// listed is in the archive with its size and SHA-256, and the WAL the backup starts from came with it.
/// (PostgreSQL 15's pg_verifybackup reads plain-format backups only.)
/// </summary>
public static partial class BackupVerifier
{
    public const string BaseArchive = "base.tar.gz";
    public const string WalArchive = "pg_wal.tar.gz";
    public const string Manifest = "backup_manifest";

    public static VerifiedBackup Verify(string backupPath)
    {
        var expected = ReadManifest(Path.Combine(backupPath, Manifest));
        var seen = 0;
        string? label = null;
        foreach (var (name, length, stream) in RegularFiles(Path.Combine(backupPath, BaseArchive)))
        {
            var data = stream;
            if (name == "backup_label")
            {
                // Small, and read twice (its text, then its checksum): the archive's stream only goes forward.
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                label = Encoding.UTF8.GetString(copy.ToArray());
                copy.Position = 0;
                data = copy;
            }

            if (!expected.TryGetValue(name, out var file))
            {
                continue;
            }

            if (length != file.Size || !Convert.ToHexStringLower(SHA256.HashData(data)).Equals(file.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{name} in {BaseArchive} does not match its size or checksum in the manifest.");
            }

            seen++;
        }

        if (seen != expected.Count)
        {
            throw new InvalidDataException($"{BaseArchive} holds {seen} of the {expected.Count} files the manifest lists.");
        }

        var startWal = StartWalFile().Match(label ?? "") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidDataException($"{BaseArchive} has no backup_label naming its start WAL file.");
        var walFiles = RegularFiles(Path.Combine(backupPath, WalArchive)).Select(entry => Path.GetFileName(entry.Name)).ToHashSet();
        if (!walFiles.Contains(startWal))
        {
            throw new InvalidDataException($"{WalArchive} lacks {startWal}, the WAL the backup starts from.");
        }

        return new VerifiedBackup(startWal, seen);
    }

    private static Dictionary<string, ManifestFile> ReadManifest(string path)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(path));
        var files = new Dictionary<string, ManifestFile>(StringComparer.Ordinal);
        foreach (var file in manifest.RootElement.GetProperty("Files").EnumerateArray())
        {
            if (file.GetProperty("Checksum-Algorithm").GetString() != "SHA256")
            {
                throw new InvalidDataException("The manifest's checksums are not SHA-256: take backups with --manifest-checksums=SHA256.");
            }

            files[file.GetProperty("Path").GetString()!] = new ManifestFile(file.GetProperty("Size").GetInt64(), file.GetProperty("Checksum").GetString()!);
        }

        return files;
    }

    /// <summary>Each regular file with its data, read in passing: a data file can be a gigabyte, so nothing is held whole.</summary>
    private static IEnumerable<(string Name, long Length, Stream Data)> RegularFiles(string archivePath)
    {
        using var file = File.OpenRead(archivePath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                yield return (name, entry.Length, entry.DataStream ?? Stream.Null);
            }
        }
    }

    [GeneratedRegex(@"START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)")]
    private static partial Regex StartWalFile();

    private sealed record ManifestFile(long Size, string Checksum);
}
