using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Shop.Runtime.Storage;
using Shop.Runtime.Streams;
using Shop.Runtime.Tests.TestGrains;
using Shop.TestKit;

namespace Shop.Runtime.Tests.Streams;

/// <summary>
/// Durable streams, the outbox and reminders, run against each storage provider. Every test uses its
/// own run id, stream keys and grain keys, so tests share one silo per provider.
/// </summary>
public abstract class StreamConformanceTests
{
    /// <summary>Starts a silo on the provider under test; calls within one test reach the same database.</summary>
    protected abstract Task<TestCluster> StartClusterAsync();

    /// <summary>The silo shared by the tests of the class.</summary>
    protected abstract TestCluster Shared { get; }

    private IGrainFactory Grains => Shared.GrainFactory;

    [Fact]
    public async Task An_event_published_with_a_state_write_is_delivered_exactly_as_written()
    {
        var run = NewRun();
        var key = $"{run}-k";

        await Grains.GetGrain<IPublisherGrain>(run).PublishWithStateAsync(key, new ProbeEvent(run, 0, 0, "첫 주문 🛒"));

        var handled = await WaitForAsync(run, 1);
        Assert.Equal(key, handled[0].StreamKey);
        Assert.Equal(new ProbeEvent(run, 0, 0, "첫 주문 🛒"), handled[0].Event);
        Assert.Equal(new StreamId("probe", key), handled[0].Context.StreamId);
        Assert.NotEqual(Guid.Empty, handled[0].Context.EventId);
        Assert.Equal(1, handled[0].Context.Attempt);
    }

    [Fact]
    public async Task When_the_state_write_fails_on_a_stale_ETag_its_event_is_never_delivered()
    {
        var run = NewRun();
        var key = $"{run}-k";
        var publisher = Grains.GetGrain<IPublisherGrain>(run);
        var eTag = await publisher.PublishWithStateAsync(key, new ProbeEvent(run, 0, 0, "committed"));
        await Storage.CommitAsync(new GrainCommit([new StateChange(new GrainId("publisher", run), "publisher", "PublisherState", eTag, Encoding.UTF8.GetBytes("{}"))], [], []));

        await Assert.ThrowsAsync<InconsistentStateException>(() => publisher.PublishWithStateAsync(key, new ProbeEvent(run, 0, 1, "lost with its state")));
        await Grains.GetGrain<IPublisherGrain>($"{run}-marker").PublishWithStateAsync(key, new ProbeEvent(run, 1, 0, "marker"));

        // Order per stream: had the failed turn's event been committed, it would arrive before the marker.
        var handled = await WaitForAsync(run, 2);
        Assert.Equal(["committed", "marker"], handled.Select(h => h.Event.Text));
    }

    [Fact]
    public async Task A_turn_that_publishes_without_writing_state_commits_its_events_before_it_answers()
    {
        var run = NewRun();
        var key = $"{run}-k";

        await Grains.GetGrain<IPublisherGrain>(run).PublishOnlyAsync(key, new ProbeEvent(run, 0, 0, "no state"));

        Assert.Contains(await ReadLogAsync(key), e => e.Event.EventType == nameof(ProbeEvent) && Encoding.UTF8.GetString(e.Event.Payload).Contains("no state"));
        await WaitForAsync(run, 1);
    }

    [Fact]
    public async Task A_turn_that_fails_after_publishing_publishes_nothing()
    {
        var run = NewRun();
        var key = $"{run}-k";

        await Assert.ThrowsAsync<InvalidOperationException>(() => Grains.GetGrain<IPublisherGrain>(run).PublishThenFailAsync(key, new ProbeEvent(run, 0, 0, "discarded")));
        await Grains.GetGrain<IPublisherGrain>($"{run}-marker").PublishOnlyAsync(key, new ProbeEvent(run, 1, 0, "marker"));

        var handled = await WaitForAsync(run, 1);
        Assert.Equal(["marker"], handled.Select(h => h.Event.Text));
    }

    [Fact]
    public async Task Publishing_from_host_code_is_durable_when_it_returns()
    {
        var run = NewRun();
        var key = $"{run}-k";

        await Streams.GetStream<ProbeEvent>(StreamId.Create("probe", key)).OnNextAsync(new ProbeEvent(run, 0, 0, "from the host"));

        Assert.Single(await ReadLogAsync(key), e => Encoding.UTF8.GetString(e.Event.Payload).Contains("from the host"));
        await WaitForAsync(run, 1);
    }

    [Fact]
    public async Task Order_is_kept_per_stream_under_concurrent_publishers()
    {
        var run = NewRun();
        const int publishers = 4, streams = 10, perStream = 50;

        await Task.WhenAll(Enumerable.Range(0, publishers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < perStream; i++)
            {
                foreach (var s in Enumerable.Range(0, streams))
                {
                    await Streams.GetStream<ProbeEvent>(StreamId.Create("probe", $"{run}-{s}")).OnNextAsync(new ProbeEvent(run, p, i, $"{p}:{i}"));
                }
            }
        })));

        var handled = await WaitForAsync(run, publishers * streams * perStream);
        Assert.Equal(0, StreamProbe.For(run).OrderViolations);
        Assert.Equal(publishers * streams * perStream, handled.Select(h => h.Context.EventId).Distinct().Count());
    }

    [Fact]
    public async Task No_event_is_lost_across_100_000_with_random_handler_failures_and_duplicates_only_follow_failures()
    {
        var run = NewRun();
        const int total = 100_000, streams = 200, batch = 500;
        var random = new Random(20261121);
        var planned = Enumerable.Range(0, total)
            .Select(i => new ProbeEvent(run, 0, i / streams, $"{i}", FailAttempts: random.NextDouble() < 0.02 ? random.Next(1, 3) : 0))
            .ToArray();

        for (var offset = 0; offset < total; offset += batch)
        {
            await Task.WhenAll(planned.Skip(offset).Take(batch)
                .GroupBy(e => int.Parse(e.Text, System.Globalization.CultureInfo.InvariantCulture) % streams)
                .Select(g => Streams.GetStream<ProbeEvent>(StreamId.Create("probe", $"{run}-{g.Key}")).OnNextBatchAsync(g)));
        }

        var handled = await WaitForAsync(run, total, TimeSpan.FromMinutes(5));
        var log = StreamProbe.For(run);
        Assert.Equal(total, handled.Count);
        Assert.Equal(total, handled.Select(h => h.Event.Text).Distinct().Count());
        Assert.Equal(0, log.OrderViolations);
        Assert.Equal(planned.Sum(e => e.FailAttempts), log.Failures);
        // Each failure was retried: handled on the attempt after its planned failures.
        Assert.All(handled, h => Assert.Equal(h.Event.FailAttempts + 1, h.Context.Attempt));
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_is_dead_lettered_after_the_last_attempt_and_the_stream_moves_on()
    {
        var run = NewRun();
        var key = $"{run}-k";
        var log = StreamProbe.For(run);
        log.FailEverything = true;
        var stream = Streams.GetStream<ProbeEvent>(StreamId.Create("probe", key));
        await stream.OnNextAsync(new ProbeEvent(run, 0, 0, "poison"));

        var deadLetter = await WaitForDeadLetterAsync(key);
        log.FailEverything = false;
        await stream.OnNextAsync(new ProbeEvent(run, 0, 1, "after the poison"));

        Assert.Equal(StreamTestSilo.MaxAttempts, deadLetter.Attempts);
        Assert.Equal(StreamTestSilo.MaxAttempts, log.Failures);
        Assert.Equal("probe:recorder", deadLetter.Consumer);
        Assert.Contains("planned failure of poison", deadLetter.Error);
        Assert.Equal(nameof(ProbeEvent), deadLetter.Event.EventType);
        Assert.Equal(["after the poison"], (await WaitForAsync(run, 1)).Select(h => h.Event.Text));
    }

    [Fact]
    public async Task A_replayed_dead_letter_reaches_the_handler_with_the_same_event_id_and_leaves_the_table()
    {
        var run = NewRun();
        var key = $"{run}-k";
        var log = StreamProbe.For(run);
        log.FailEverything = true;
        await Streams.GetStream<ProbeEvent>(StreamId.Create("probe", key)).OnNextAsync(new ProbeEvent(run, 0, 0, "replay me"));
        var deadLetter = await WaitForDeadLetterAsync(key);
        log.FailEverything = false;

        Assert.True(await DeadLetters.ReplayAsync(deadLetter.Id));

        var handled = Assert.Single(await WaitForAsync(run, 1));
        Assert.Equal(deadLetter.Event.EventId, handled.Context.EventId);
        Assert.Equal("replay me", handled.Event.Text);
        Assert.True(handled.Context.Attempt > StreamTestSilo.MaxAttempts);
        Assert.DoesNotContain(await DeadLetters.ListAsync(1000), d => d.Id == deadLetter.Id);
        Assert.False(await DeadLetters.ReplayAsync(deadLetter.Id));
    }

    [Fact]
    public async Task A_dead_letter_can_be_discarded()
    {
        var run = NewRun();
        var key = $"{run}-k";
        StreamProbe.For(run).FailEverything = true;
        await Streams.GetStream<ProbeEvent>(StreamId.Create("probe", key)).OnNextAsync(new ProbeEvent(run, 0, 0, "discard me"));
        var deadLetter = await WaitForDeadLetterAsync(key);

        Assert.True(await DeadLetters.DiscardAsync(deadLetter.Id));

        Assert.DoesNotContain(await DeadLetters.ListAsync(1000), d => d.Id == deadLetter.Id);
        Assert.False(await DeadLetters.DiscardAsync(deadLetter.Id));
    }

    [Fact]
    public async Task Delivered_events_older_than_the_retention_period_are_trimmed()
    {
        var run = NewRun();
        var key = $"{run}-k";
        await Streams.GetStream<ProbeEvent>(StreamId.Create("probe", key)).OnNextAsync(new ProbeEvent(run, 0, 0, "trim me"));
        await WaitForAsync(run, 1);

        // The silo's retention is zero: once every subscription's checkpoint is past an event, it may go.
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await Shared.Services.GetRequiredService<StreamDeliveryService>().TrimAsync(CancellationToken.None);
            return (await ReadLogAsync(key)).Count == 0;
        }));
    }

    [Fact]
    public async Task Redelivered_events_are_no_ops_for_a_grain_that_uses_the_dedupe_helper()
    {
        var run = NewRun();
        var key = $"{run}-k";
        var first = await StartClusterAsync();
        var stream = first.Services.GetRequiredService<IStreamProvider>().GetStream<ProbeEvent>(StreamId.Create("ledger", key));
        for (var i = 0; i < 5; i++)
        {
            await stream.OnNextAsync(new ProbeEvent(run, 0, i, $"entry {i}"));
        }

        var ledger = first.GrainFactory.GetGrain<ILedgerGrain>(key);
        Assert.True(await Eventually.TrueAsync(async () => (await ledger.GetAsync()).Texts.Count == 5));

        // As if the silo had died after handling but before moving its checkpoints: everything comes again.
        // The stopped silo's agents no longer run, but its store is still open until disposal.
        await first.StopAsync();
        var queues = first.Services.GetRequiredService<IStreamQueueStorage>();
        for (var queue = 0; queue < 4; queue++)
        {
            await queues.WriteCheckpointAsync("ledger:ledger", queue, 0);
        }

        await first.DisposeAsync();
        await using var second = await StartClusterAsync();

        var again = second.GrainFactory.GetGrain<ILedgerGrain>(key);
        Assert.True(await Eventually.TrueAsync(async () => (await again.GetAsync()).DuplicatesSkipped >= 5));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"entry {i}"), (await again.GetAsync()).Texts);
    }

    [Fact]
    public async Task A_reminder_fires_repeatedly_and_stops_after_it_is_unregistered()
    {
        var key = ProbeLog.NewKey("alarm");
        var alarm = Grains.GetGrain<IAlarmGrain>(key);

        await alarm.SetAsync(TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.True(await Eventually.TrueAsync(() => ProbeLog.Count(key, "tick:alarm") >= 2));
        await alarm.CancelAsync();
        var ticks = ProbeLog.Count(key, "tick:alarm");
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.False(await alarm.HasReminderAsync());
        Assert.InRange(ProbeLog.Count(key, "tick:alarm"), ticks, ticks + 1);
    }

    [Fact]
    public async Task A_reminder_fires_after_the_silo_restarts()
    {
        var key = ProbeLog.NewKey("alarm");
        var first = await StartClusterAsync();
        await first.GrainFactory.GetGrain<IAlarmGrain>(key).SetAsync(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(10));
        await first.DisposeAsync();
        Assert.Equal(0, ProbeLog.Count(key, "tick:alarm"));

        await using var second = await StartClusterAsync();

        Assert.True(await Eventually.TrueAsync(() => ProbeLog.Count(key, "tick:alarm") >= 1), $"ticks after restart: {string.Join(", ", ProbeLog.Of(key))}");
        Assert.True(await second.GrainFactory.GetGrain<IAlarmGrain>(key).HasReminderAsync());
        await second.GrainFactory.GetGrain<IAlarmGrain>(key).CancelAsync();
    }

    [Fact]
    public async Task A_reminder_period_below_the_minimum_is_refused() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Grains.GetGrain<IAlarmGrain>(ProbeLog.NewKey("alarm")).SetAsync(TimeSpan.Zero, TimeSpan.FromMilliseconds(100)));

    private IGrainStorage Storage => Shared.Services.GetRequiredService<IGrainStorage>();

    private IStreamProvider Streams => Shared.Services.GetRequiredService<IStreamProvider>();

    private IDeadLetterAdmin DeadLetters => Shared.Services.GetRequiredService<IDeadLetterAdmin>();

    private static string NewRun() => $"run-{Guid.NewGuid():N}";

    private async Task<IReadOnlyList<QueuedStreamEvent>> ReadLogAsync(string key)
    {
        var queue = StreamQueueMapper.QueueOf(StreamId.Create("probe", key), 4);
        var events = await Shared.Services.GetRequiredService<IStreamQueueStorage>().ReadQueueAsync(queue, 0, 100_000);
        return events.Where(e => e.Event.StreamKey == key).ToList();
    }

    private static async Task<List<(string StreamKey, ProbeEvent Event, StreamEventContext Context)>> WaitForAsync(string run, int count, TimeSpan? within = null)
    {
        var log = StreamProbe.For(run);
        Assert.True(await Eventually.TrueAsync(() => log.Count >= count, within ?? TimeSpan.FromSeconds(60)), $"handled {log.Count} of {count}");
        await Task.Delay(200); // let any unexpected extra delivery show up
        return log.Snapshot();
    }

    private async Task<DeadLetter> WaitForDeadLetterAsync(string key)
    {
        DeadLetter? found = null;
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            found = (await DeadLetters.ListAsync(10_000)).FirstOrDefault(d => d.Event.StreamKey == key);
            return found is not null;
        }));
        return found!;
    }
}
