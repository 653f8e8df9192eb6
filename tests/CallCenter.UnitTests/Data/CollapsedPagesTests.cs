using System.Diagnostics.Metrics;
using System.Text.Json;
using CallCenter.ApiService.Apis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CallCenter.UnitTests.Data;

/// <summary>A shared page is one body for everyone who joined, and ops can see how many answers were shared.</summary>
public sealed class CollapsedPagesTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private sealed record Page(string Name, int Count);

    private sealed record PageKey(string? Department);

    [Fact]
    public async Task JoinedRequestsGetTheSameBodyAndAreCountedAsCollapsed()
    {
        var json = new Microsoft.AspNetCore.Http.Json.JsonOptions();
        json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        var pages = new CollapsedPages(Options.Create(json), _services.GetRequiredService<IMeterFactory>());
        var counted = new List<(bool Collapsed, string List)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CollapsedPages.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var all = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value);
            lock (counted)
            {
                counted.Add(((bool)all["collapsed"]!, (string)all["list"]!));
            }
        });
        listener.Start();

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
        Assert.Equal([(false, "Page"), (true, "Page"), (true, "Page")], counted.OrderBy(count => count.Collapsed));
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

    public void Dispose() => _services.Dispose();
}
