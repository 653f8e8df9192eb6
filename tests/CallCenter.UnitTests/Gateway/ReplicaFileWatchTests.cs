using CallCenter.Gateway;

namespace CallCenter.UnitTests.Gateway;

/// <summary>The gateway's watch on the replica list, in a temporary directory: the list's own changes, nobody else's.</summary>
public sealed class ReplicaFileWatchTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("replica-watch-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task AListRenamedIntoPlaceIsSeenAndWritesBelowOrBesideItAreNot()
    {
        var path = Path.Combine(_directory.FullName, "replicas.json");
        var below = Directory.CreateDirectory(Path.Combine(_directory.FullName, "below"));
        var changes = 0;
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = new ReplicaFileWatch(path, () =>
        {
            Interlocked.Increment(ref changes);
            heard.TrySetResult();
        });

        // A file of the same name one level down, and another file beside the list: written many times each.
        for (var i = 0; i < 20; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(below.FullName, "replicas.json"), $"{{\"api-{i}\":\"http://localhost:{i}\"}}");
            await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "other.json"), $"{i}");
        }

        // Then the list itself, as the AppHost writes it: beside it, then renamed into place.
        await File.WriteAllTextAsync(path + ".next", """{"api-a":"http://localhost:1"}""");
        File.Move(path + ".next", path, overwrite: true);

        await heard.Task.WaitAsync(Deadline);

        // The watch hears its directory's changes in order, so anything heard from the earlier writes came first.
        Assert.Equal(1, Volatile.Read(ref changes));
    }
}
