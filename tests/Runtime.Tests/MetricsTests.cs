using System.Diagnostics.Metrics;
using Shop.Runtime.Diagnostics;
using Shop.Runtime.Tests.TestGrains;

namespace Shop.Runtime.Tests;

[Collection(RuntimeCluster.Name)]
public sealed class MetricsTests(RuntimeClusterFixture fixture)
{
    [Fact]
    public async Task Requests_and_activations_are_measured_per_grain_type()
    {
        long requests = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RuntimeMetrics.MeterName && instrument.Name == "shop.grain.requests")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "grain.type" && (string?)tag.Value == "integerkey")
                {
                    Interlocked.Add(ref requests, value);
                }
            }
        });
        listener.Start();

        var key = Random.Shared.NextInt64(1, long.MaxValue);
        for (var i = 0; i < 10; i++)
        {
            await fixture.Grains.GetGrain<IIntegerKeyGrain>(key).GetKeyAsync();
        }

        Assert.True(Interlocked.Read(ref requests) >= 10);
        Assert.True(fixture.Cluster.Silo.ActivationsByType["integerkey"] >= 1);
    }
}
