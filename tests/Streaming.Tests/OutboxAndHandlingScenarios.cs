using System.Text.Json;
using Shop.Journaling;
using Shop.StreamingProbes;

namespace Shop.Streaming.Tests;

/// <summary>
/// The journal as outbox, the relay and the consumers' handling (deduplication, retries, dead letters, replay), end to
/// end on a real silo, the same on every storage and queue combination.
/// </summary>
public abstract class OutboxAndHandlingScenarios(StreamingClusterFixture fixture)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private IGrainFactory Grains => fixture.Grains;

    private string Key(string name) => $"{name}-{_run}";

    private async Task<IReadOnlyList<long>> HandledAsync(string key) => (await Grains.GetGrain<IProbeConsumerGrain>(key).GetAsync()).Versions;

    private Task UntilHandledAsync(string key, IReadOnlyCollection<long> versions) => Eventually.HoldsAsync(
        async () => (await HandledAsync(key)).Count >= versions.Count,
        async () => $"{key} handled [{string.Join(",", await HandledAsync(key))}], expected [{string.Join(",", versions)}]");

    private static IReadOnlyList<long> Range(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(v => (long)v)];

    [Fact]
    public async Task Committed_events_reach_their_consumer_once_each_in_version_order()
    {
        var keys = Enumerable.Range(1, 6).Select(i => Key($"order-{i}")).ToList();

        // Concurrent calls per producer, so that appends batch several callers' entries.
        await Task.WhenAll(keys.SelectMany(key => Enumerable.Range(0, 5).Select(_ => Grains.GetGrain<IProbeProducerGrain>(key).EmitAsync(4, 0))));

        foreach (var key in keys)
        {
            await UntilHandledAsync(key, Range(1, 20));
            Assert.Equal(Range(1, 20), await HandledAsync(key));
            var grain = GrainId.Create("probeproducer", key);
            Assert.Null(await fixture.Journals.ReadFirstUnpublishedVersionAsync(grain));
        }
    }

    [Fact]
    public async Task A_handler_that_fails_and_then_succeeds_handles_the_event_once_and_leaves_no_dead_letter()
    {
        var key = Key("flaky");

        await Grains.GetGrain<IProbeProducerGrain>(key).EmitAsync(3, failTimes: 2);

        await UntilHandledAsync(key, Range(1, 3));
        Assert.Equal(Range(1, 3), await HandledAsync(key));
        Assert.DoesNotContain(await fixture.DeadLetters.ListAsync(null, 0, 1_000), l => l.StreamKey == key);
    }

    [Fact]
    public async Task A_poison_event_is_dead_lettered_the_events_behind_it_go_on_and_a_replay_handles_it_once()
    {
        var key = Key("poison");
        var producer = Grains.GetGrain<IProbeProducerGrain>(key);
        await producer.EmitAsync(1, 0);
        await producer.EmitAsync(1, failTimes: 3); // the consumers' 3 attempts all fail
        await producer.EmitAsync(2, 0);

        await UntilHandledAsync(key, [1, 3, 4]);
        Assert.Equal([1L, 3L, 4L], await HandledAsync(key));
        var letter = Assert.Single(await fixture.DeadLetters.ListAsync(DeadLetterStatus.Open, 0, 1_000), l => l.StreamKey == key);
        Assert.Equal(StreamEvent.IdOf($"probeproducer/{key}", 2), letter.EventId);
        Assert.Equal(ProbeProducerGrain.Namespace, letter.StreamNamespace);
        Assert.Equal(typeof(ProbeEntry).FullName, letter.EventType);
        Assert.Equal(3, letter.Attempts);
        Assert.Contains("Probe failure 3 of 3", letter.Error);
        Assert.False(letter.PayloadIsRaw);

        // The consumer's fourth attempt succeeds: the replayed event is handled, once, after the others.
        var admin = Grains.GetGrain<IDeadLetterGrain>(0);
        await admin.ReplayAsync(letter.Id);
        await UntilHandledAsync(key, [1, 3, 4, 2]);
        Assert.Equal([1L, 3L, 4L, 2L], await HandledAsync(key));
        Assert.Equal(DeadLetterStatus.Replayed, (await fixture.DeadLetters.GetAsync(letter.Id))!.Status);
        await Assert.ThrowsAsync<DeadLetterNotReplayableException>(() => admin.ReplayAsync(letter.Id));
        Assert.False(await admin.DiscardAsync(letter.Id));
    }

    [Fact]
    public async Task A_redelivered_event_is_skipped_by_the_consumer()
    {
        var key = Key("again");
        await Grains.GetGrain<IProbeProducerGrain>(key).EmitAsync(2, 0);
        await UntilHandledAsync(key, Range(1, 2));

        // What a redelivery looks like to the consumer: the same event id once more on its stream.
        var producer = Grains.GetGrain<IProbeProducerGrain>(key);
        await producer.RepublishAsync(1);
        await producer.EmitAsync(1, 0);

        await UntilHandledAsync(key, Range(1, 3));
        Assert.Equal(Range(1, 3), await HandledAsync(key));
        Assert.Equal(1, (await Grains.GetGrain<IProbeConsumerGrain>(key).GetAsync()).DuplicatesSkipped);
    }

    [Fact]
    public async Task Events_a_dead_activation_committed_but_never_published_go_out_by_themselves()
    {
        var key = Key("orphan");
        var grain = GrainId.Create("probeproducer", key);

        // What a silo killed between the commit and the publish leaves behind: the entries in the journal and the
        // outbox, and no activation. Nothing calls the grain afterwards; the outbox sweeper must.
        byte[][] entries = [.. Enumerable.Range(1, 3).Select(i => JsonSerializer.SerializeToUtf8Bytes(new ProbeEntry(i, 0), JournalJson.Options))];
        await fixture.Journals.AppendAsync(grain, 0, entries, snapshot: null, toOutbox: true);

        await UntilHandledAsync(key, Range(1, 3));
        Assert.Equal(Range(1, 3), await HandledAsync(key));
        await Eventually.HoldsAsync(
            async () => await fixture.Journals.ReadFirstUnpublishedVersionAsync(grain) is null,
            () => Task.FromResult("the outbox to be emptied"));
        Assert.Equal(3, await Grains.GetGrain<IProbeProducerGrain>(key).GetVersionAsync());
    }
}

public sealed class OutboxAndHandlingOnSqliteQueue(SqliteQueueCluster fixture) : OutboxAndHandlingScenarios(fixture), IClassFixture<SqliteQueueCluster>;

public sealed class OutboxAndHandlingOnMySqlAdoNet(MySqlAdoNetCluster fixture) : OutboxAndHandlingScenarios(fixture), IClassFixture<MySqlAdoNetCluster>;

public sealed class OutboxAndHandlingOnMySqlKafka(MySqlKafkaCluster fixture) : OutboxAndHandlingScenarios(fixture), IClassFixture<MySqlKafkaCluster>;
