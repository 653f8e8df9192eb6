using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Infrastructure;

/// <summary>
/// Reads one app's restart counter: the AppHost runs in this process under Aspire.Hosting.Testing, beside the other
/// collections' apps (which kill servers too), so only the meters of this app's own factory are counted.
/// </summary>
public sealed class RestartCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byResource = new();

    public RestartCounts(CallCenterApp app)
    {
        var meters = app.App.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "CallCenter.Supervision" && instrument.Name == "callcenter.supervision.restarts"
                && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "resource" && tag.Value is string resource)
                {
                    _byResource.AddOrUpdate(resource, value, (_, total) => total + value);
                }
            }
        });
        _listener.Start();
    }

    public long Of(string resource) => _byResource.GetValueOrDefault(resource);

    public void Dispose() => _listener.Dispose();
}
