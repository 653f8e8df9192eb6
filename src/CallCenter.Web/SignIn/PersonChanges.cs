using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace CallCenter.Web.SignIn;

/// <summary>
/// Changes to people made through this replica: what it remembers of that person is dropped, and what stays open
/// past a request on their behalf (a relayed socket) ends with the change.
/// </summary>
public sealed class PersonChanges(IMemoryCache cache)
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _changes = new(StringComparer.OrdinalIgnoreCase);

    public static string CacheKey(string userName) => $"person:{userName.ToUpperInvariant()}";

    /// <summary>Cancelled at this person's next change; check they are still current after taking it.</summary>
    public CancellationToken TokenFor(string userName) =>
        _changes.GetOrAdd(userName, _ => new CancellationTokenSource()).Token;

    public void Changed(string userName)
    {
        cache.Remove(CacheKey(userName));
        if (_changes.TryRemove(userName, out var changed))
        {
            changed.Cancel();
            changed.Dispose();
        }
    }
}
