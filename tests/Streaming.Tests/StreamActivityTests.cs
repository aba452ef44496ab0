using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Orleans.TestingHost;
using Shop.StreamingProbes;

namespace Shop.Streaming.Tests;

/// <summary>
/// What the operations page learns of the streams: every event a consumer handles is counted against the Orleans queue
/// its stream maps to, with the lag of the last one.
/// </summary>
public sealed class StreamActivityTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Each_event_counts_on_the_queue_of_its_stream_with_the_lag_of_the_last_one()
    {
        var mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = 4 }, StreamNames.Provider);
        var committed = new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.Zero);
        var clock = new ManualClock(committed);
        var activity = new StreamActivity(() => mapper, clock);
        var streams = Enumerable.Range(0, 40).Select(i => StreamId.Create("orders", $"order-{i}")).ToList();

        foreach (var (stream, i) in streams.Select((s, i) => (s, i)))
        {
            clock.Now = committed + TimeSpan.FromMilliseconds(i);
            activity.Handled(stream, Event(committed));
            activity.Handled(stream, Event(committed));
        }

        var totals = activity.Totals();
        var expected = streams.GroupBy(s => mapper.GetQueueForStream(s).ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(g => (g.Key, 2L * g.Count())), totals.Select(t => (t.Queue, t.Handled)));
        var last = streams.Count - 1;
        var lastQueue = totals.Single(t => t.Queue == mapper.GetQueueForStream(streams[last]).ToString());
        Assert.Equal((TimeSpan.FromMilliseconds(last), committed + TimeSpan.FromMilliseconds(last)), (lastQueue.LastLag, lastQueue.LastHandledAt));
    }

    [Fact]
    public void Without_a_queue_mapper_events_count_per_namespace()
    {
        var now = DateTimeOffset.UtcNow;
        var activity = new StreamActivity(() => null, new ManualClock(now));

        activity.Handled(StreamId.Create("orders", "a"), Event(now.AddSeconds(-1)));
        activity.Handled(StreamId.Create("payments", "a"), Event(now.AddSeconds(1)));

        Assert.Equal([("orders", 1L, TimeSpan.FromSeconds(1)), ("payments", 1L, TimeSpan.Zero)], activity.Totals().Select(t => (t.Queue, t.Handled, t.LastLag)));
    }

    private static StreamEvent Event(DateTimeOffset recordedAt) => new("p@1", "p", 1, recordedAt, "payload");
}

/// <summary>On a real silo, each storage and queue: the consumers' events are counted on the stream provider's own queues.</summary>
public abstract class StreamActivityOnSilo(StreamingClusterFixture fixture)
{
    [Fact]
    public async Task Handled_events_count_on_the_queues_of_the_stream_provider()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, 8).Select(i => $"activity-{i}-{run}").ToList();
        var services = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;
        var activity = services.GetRequiredService<StreamActivity>();
        var before = activity.Totals().ToDictionary(t => t.Queue, t => t.Handled);

        await Task.WhenAll(keys.Select(key => fixture.Grains.GetGrain<IProbeProducerGrain>(key).EmitAsync(3, 0)));
        foreach (var key in keys)
        {
            await Eventually.HoldsAsync(
                async () => (await fixture.Grains.GetGrain<IProbeConsumerGrain>(key).GetAsync()).Versions.Count == 3,
                () => Task.FromResult($"{key} handled its 3 events"));
        }

        var mapper = services.GetRequiredKeyedService<IQueueAdapterFactory>(StreamNames.Provider).GetStreamQueueMapper();
        var queues = keys.Select(key => mapper.GetQueueForStream(StreamId.Create(ProbeProducerGrain.Namespace, key)).ToString()).ToHashSet();
        var totals = activity.Totals().Where(t => queues.Contains(t.Queue)).ToList();
        Assert.Equal(queues.Order(StringComparer.Ordinal), totals.Select(t => t.Queue));
        Assert.True(totals.Sum(t => t.Handled - before.GetValueOrDefault(t.Queue)) >= keys.Count * 3, string.Join(", ", totals));
    }
}

public sealed class StreamActivityOnSqliteQueue(SqliteQueueCluster fixture) : StreamActivityOnSilo(fixture), IClassFixture<SqliteQueueCluster>;

public sealed class StreamActivityOnMySqlAdoNet(MySqlAdoNetCluster fixture) : StreamActivityOnSilo(fixture), IClassFixture<MySqlAdoNetCluster>;

public sealed class StreamActivityOnMySqlKafka(MySqlKafkaCluster fixture) : StreamActivityOnSilo(fixture), IClassFixture<MySqlKafkaCluster>;
