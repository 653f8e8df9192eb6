using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CallCenter.Tests.Infrastructure;

/// <summary>Reads the AppHost's restart counter, which runs in this process under Aspire.Hosting.Testing.</summary>
public sealed class RestartCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byResource = new();

    public RestartCounts()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "CallCenter.Supervision" && instrument.Name == "callcenter.supervision.restarts")
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
