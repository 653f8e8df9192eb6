using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using CallCenter.ApiService.Data;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Apis;

/// <summary>
/// The floor's most polled lists, read and serialised once for every identical request that arrives while the page is
/// being read (<see cref="CollapsedReads{TKey, TValue}"/>). The key is a record of everything the answer depends on, the
/// caller's scope included; records of different types never compare equal, so lists share one instance. A list with
/// a mark of its changes is not even read again while its mark stands (<see cref="KeptPages"/>).
/// </summary>
public sealed class CollapsedPages
{
    public const string MeterName = "CallCenter.Lists";

    private readonly CollapsedReads<object, Answer> _reads = new();
    private readonly KeptPages _kept;
    private readonly TimeProvider _clock;
    private readonly JsonSerializerOptions _json;
    private readonly Counter<long> _answered;

    private sealed record Answer(byte[] Body, bool Reused);

    public CollapsedPages(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<ListOptions> options, TimeProvider clock, IMeterFactory meters)
    {
        _json = json.Value.SerializerOptions;
        _clock = clock;
        _kept = new KeptPages(options.Value.ReuseFor, clock);
        _answered = meters.Create(MeterName).CreateCounter<long>(
            "callcenter.lists.answered", "{answer}",
            "List answers, by list, by whether another request's read answered it (collapsed), and by whether that read found the page unchanged and sent it again (reused).");
    }

    public Task<SharedJson<T>> ReadAsync<T>(object key, Func<Task<T>> read) =>
        AnswerAsync<T>(key, async () => new Answer(JsonSerializer.SerializeToUtf8Bytes(await read(), _json), Reused: false));

    /// <summary>
    /// As <see cref="ReadAsync{T}(object, Func{Task{T}})"/>, but each read first reads <paramref name="mark"/>, and
    /// answers with the page last read for <paramref name="key"/> when the mark has not moved since that read began.
    /// </summary>
    public Task<SharedJson<T>> ReadAsync<T>(object key, Func<Task<object>> mark, Func<Task<T>> read) => !_kept.Keeps
        ? ReadAsync(key, read)
        : AnswerAsync<T>(key, async () =>
        {
            var readFrom = _clock.GetTimestamp();
            var current = await mark();
            if (_kept.TryReuse(key, current, out var kept))
            {
                return new Answer(kept, Reused: true);
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(await read(), _json);
            _kept.Keep(key, current, readFrom, body);
            return new Answer(body, Reused: false);
        });

    private async Task<SharedJson<T>> AnswerAsync<T>(object key, Func<Task<Answer>> read)
    {
        var answer = await _reads.ReadAsync(key, read, out var collapsed);
        _answered.Add(1, new("list", typeof(T).Name), new("collapsed", collapsed), new("reused", answer.Reused));
        if (collapsed)
        {
            // The read, its statements included, is in the trace of the request that started it.
            Activity.Current?.SetTag("callcenter.read.collapsed", true);
        }

        if (answer.Reused)
        {
            Activity.Current?.SetTag("callcenter.read.reused", true);
        }

        return new SharedJson<T>(answer.Body);
    }
}
