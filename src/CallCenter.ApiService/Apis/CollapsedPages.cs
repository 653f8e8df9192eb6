using System.Diagnostics;
using System.Text.Json;
using CallCenter.ApiService.Data;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Apis;

/// <summary>
/// The floor's most polled lists, read and serialised once for every identical request that arrives while the page is
/// being read (<see cref="CollapsedReads{TKey, TValue}"/>). The key is a record of everything the answer depends on, the
/// caller's scope included; records of different types never compare equal, so lists share one instance.
/// </summary>
public sealed class CollapsedPages(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private readonly CollapsedReads<object, byte[]> _reads = new();

    public async Task<SharedJson<T>> ReadAsync<T>(object key, Func<Task<T>> read)
    {
        var body = await _reads.ReadAsync(key, async () => JsonSerializer.SerializeToUtf8Bytes(await read(), json.Value.SerializerOptions), out var shared);
        if (shared)
        {
            // The read, its statements included, is in the trace of the request that started it.
            Activity.Current?.SetTag("callcenter.read.collapsed", true);
        }

        return new SharedJson<T>(body);
    }
}
