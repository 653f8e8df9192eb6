using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Security;

/// <summary>
/// Who may open <c>/ws/updates</c>: a page's Origin must be on the allow-list (a socket is not covered by CORS,
/// so another site's page could otherwise ride on a user's credentials), and each caller holds a bounded number
/// of sockets on this replica.
/// </summary>
public sealed class SocketAdmission(IOptions<SecurityOptions> security, IOptions<RateLimitingOptions> limits)
{
    private readonly ConcurrentDictionary<string, int> _open = new();

    /// <summary>Programs send no Origin and are judged by their key alone.</summary>
    public bool IsAllowedOrigin(HttpRequest request)
    {
        string? origin = request.Headers.Origin;
        return string.IsNullOrEmpty(origin)
            || security.Value.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A place for one more socket of this caller, released when disposed; null when they hold their share.</summary>
    public IDisposable? TryAdmit(FloorCaller caller)
    {
        var partition = caller.Partition;
        var cap = limits.Value.SocketsPerCaller;
        while (true)
        {
            var open = _open.GetValueOrDefault(partition);
            if (open >= cap)
            {
                return null;
            }

            if (open == 0 ? _open.TryAdd(partition, 1) : _open.TryUpdate(partition, open + 1, open))
            {
                return new Place(this, partition);
            }
        }
    }

    private void Release(string partition)
    {
        while (true)
        {
            var open = _open[partition];
            if (open == 1 ? _open.TryRemove(new KeyValuePair<string, int>(partition, 1)) : _open.TryUpdate(partition, open - 1, open))
            {
                return;
            }
        }
    }

    private sealed class Place(SocketAdmission admission, string partition) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                admission.Release(partition);
            }
        }
    }
}
