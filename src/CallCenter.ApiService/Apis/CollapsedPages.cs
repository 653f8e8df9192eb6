using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using CallCenter.ApiService.Data;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Apis;

/// <summary>
/// The floor's most polled lists, read and serialised once for every identical request that arrives while the page is
/// being read (<see cref="CollapsedReads{TKey, TValue}"/>). The key is a record of everything the answer depends on, the
/// caller's scope included; records of different types never compare equal, so lists share one instance.
/// </summary>
public sealed class CollapsedPages
{
    public const string MeterName = "CallCenter.Lists";

    private readonly CollapsedReads<object, byte[]> _reads = new();
    private readonly JsonSerializerOptions _json;
    private readonly Counter<long> _answered;

    public CollapsedPages(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IMeterFactory meters)
    {
        _json = json.Value.SerializerOptions;
        _answered = meters.Create(MeterName).CreateCounter<long>(
            "callcenter.lists.answered", "{answer}", "List answers, by list and by whether another request's read answered it (collapsed).");
    }

    public async Task<SharedJson<T>> ReadAsync<T>(object key, Func<Task<T>> read)
    {
        var body = await _reads.ReadAsync(key, async () => JsonSerializer.SerializeToUtf8Bytes(await read(), _json), out var collapsed);
        _answered.Add(1, new("list", typeof(T).Name), new("collapsed", collapsed));
        if (collapsed)
        {
            // The read, its statements included, is in the trace of the request that started it.
            Activity.Current?.SetTag("callcenter.read.collapsed", true);
        }

        return new SharedJson<T>(body);
    }
}
