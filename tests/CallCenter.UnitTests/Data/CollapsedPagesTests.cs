using System.Diagnostics.Metrics;
using System.Text.Json;
using CallCenter.ApiService.Apis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.UnitTests.Data;

/// <summary>
/// A shared page is one body for everyone who joined; a marked page is not read again while its mark stands; and ops
/// can see how many answers were shared and how many reused.
/// </summary>
public sealed class CollapsedPagesTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _clock = new();
    private readonly List<(bool Collapsed, bool Reused, string List)> _counted = [];
    private readonly MeterListener _listener = new();

    private sealed record Page(string Name, int Count);

    private sealed record PageKey(string? Department);

    public CollapsedPagesTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CollapsedPages.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var all = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value);
            lock (_counted)
            {
                _counted.Add(((bool)all["collapsed"]!, (bool)all["reused"]!, (string)all["list"]!));
            }
        });
        _listener.Start();
    }

    [Fact]
    public async Task JoinedRequestsGetTheSameBodyAndAreCountedAsCollapsed()
    {
        var pages = Pages();
        var running = new TaskCompletionSource<Page>();
        var next = new TaskCompletionSource<Page>();
        var first = pages.ReadAsync(new PageKey("sales"), () => running.Task);
        var second = pages.ReadAsync(new PageKey("sales"), () => next.Task);
        var third = pages.ReadAsync(new PageKey("sales"), () => Task.FromResult(new Page("never read", 0)));
        running.SetResult(new Page("before", 1));
        next.SetResult(new Page("after", 2));
        var answers = await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("""{"name":"before","count":1}""", await Body(answers[0]));
        Assert.Equal("""{"name":"after","count":2}""", await Body(answers[1]));
        Assert.Equal(await Body(answers[1]), await Body(answers[2]));
        Assert.Equal([(false, false, "Page"), (true, false, "Page"), (true, false, "Page")], _counted.OrderBy(count => count.Collapsed));
    }

    [Fact]
    public async Task AMarkedPageIsReadAgainOnlyOnceItsMarkMovesOrItAges()
    {
        var pages = Pages();
        var mark = 1L;
        var reads = 0;
        Task<SharedJson<Page>> Ask() => pages.ReadAsync(
            new PageKey("sales"), () => Task.FromResult<object>(mark), () => Task.FromResult(new Page("read", ++reads)));

        Assert.Equal("""{"name":"read","count":1}""", await Body(await Ask()));
        Assert.Equal("""{"name":"read","count":1}""", await Body(await Ask()));
        Assert.Equal(1, reads);

        mark = 2;
        Assert.Equal("""{"name":"read","count":2}""", await Body(await Ask()));
        _clock.Advance(new ListOptions().ReuseFor);
        Assert.Equal("""{"name":"read","count":3}""", await Body(await Ask()));
        Assert.Equal([false, true, false, false], _counted.Select(count => count.Reused));
    }

    [Fact]
    public async Task WithReuseOffNoMarkIsReadAndEveryPageIsRead()
    {
        var pages = Pages(new ListOptions { ReuseFor = TimeSpan.Zero });
        var reads = 0;
        Task<SharedJson<Page>> Ask() => pages.ReadAsync(
            new PageKey("sales"), () => throw new InvalidOperationException("no mark is read"), () => Task.FromResult(new Page("read", ++reads)));

        await Ask();
        Assert.Equal("""{"name":"read","count":2}""", await Body(await Ask()));
    }

    private CollapsedPages Pages(ListOptions? options = null)
    {
        var json = new Microsoft.AspNetCore.Http.Json.JsonOptions();
        json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        return new CollapsedPages(Options.Create(json), Options.Create(options ?? new ListOptions()), _clock, _services.GetRequiredService<IMeterFactory>());
    }

    private static async Task<string> Body<T>(SharedJson<T> answer)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await answer.ExecuteAsync(context);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal(body.Length, context.Response.ContentLength);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
