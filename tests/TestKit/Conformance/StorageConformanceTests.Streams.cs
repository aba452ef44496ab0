using System.Collections.Concurrent;
using Shop.Runtime.Storage;

namespace Shop.TestKit.Conformance;

public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Events_read_back_in_commit_order_with_every_field_and_page_by_sequence()
    {
        var queue = NewQueue();
        var before = await LastSequenceAsync(queue);
        var seoul = new DateTimeOffset(2031, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(9));
        var first = NewEvent(queue, "e0", seoul);
        await GrainStorage.CommitAsync(GrainCommit.EventsOnly([first, .. Enumerable.Range(1, 6).Select(i => NewEvent(queue, $"e{i}"))]));
        await GrainStorage.CommitAsync(GrainCommit.EventsOnly(Enumerable.Range(7, 3).Select(i => NewEvent(queue, $"e{i}")).ToArray()));

        var events = await ReadWholeQueueAsync(queue, before, pageSize: 3);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"e{i}"), events.Select(e => Text(e.Event.Payload)));
        AssertStrictlyIncreasing(events);
        Assert.True(events[0].Sequence > before);
        var read = events[0].Event;
        Assert.Equal(first.EventId, read.EventId);
        Assert.Equal(first.StreamNamespace, read.StreamNamespace);
        Assert.Equal(first.StreamKey, read.StreamKey);
        Assert.Equal(queue, read.Queue);
        Assert.Equal(first.EventType, read.EventType);
        Assert.Equal(seoul, read.CreatedAt);

        var page = await QueueStorage.ReadQueueAsync(queue, events[3].Sequence, 2);
        Assert.Equal([events[4].Sequence, events[5].Sequence], page.Select(e => e.Sequence));
        Assert.Empty(await QueueStorage.ReadQueueAsync(queue, events[^1].Sequence, 10));
        Assert.Empty(await QueueStorage.ReadQueueAsync(NewQueue(), 0, 10));
    }

    [Fact]
    public async Task An_events_only_commit_returns_no_etags_and_appends_its_events()
    {
        var queue = NewQueue();
        var before = await LastSequenceAsync(queue);

        var result = await GrainStorage.CommitAsync(GrainCommit.EventsOnly([NewEvent(queue, "only")]));

        Assert.Empty(result.ETags);
        Assert.Equal("only", Text(Assert.Single(await QueueStorage.ReadQueueAsync(queue, before, 10)).Event.Payload));
    }

    [Fact]
    public async Task Queues_have_their_own_sequences()
    {
        var q1 = NewQueue();
        var q2 = NewQueue();
        Assert.NotEqual(q1, q2);
        var before1 = await LastSequenceAsync(q1);
        var before2 = await LastSequenceAsync(q2);

        await GrainStorage.CommitAsync(GrainCommit.EventsOnly([NewEvent(q1, "a1"), NewEvent(q2, "b1"), NewEvent(q1, "a2"), NewEvent(q2, "b2")]));
        await GrainStorage.CommitAsync(GrainCommit.EventsOnly([NewEvent(q2, "b3")]));

        var first = await QueueStorage.ReadQueueAsync(q1, before1, 100);
        var second = await QueueStorage.ReadQueueAsync(q2, before2, 100);
        Assert.Equal(["a1", "a2"], first.Select(e => Text(e.Event.Payload)));
        Assert.Equal(["b1", "b2", "b3"], second.Select(e => Text(e.Event.Payload)));
        Assert.All(first, e => Assert.Equal(q1, e.Event.Queue));
        Assert.All(second, e => Assert.Equal(q2, e.Event.Queue));
        AssertStrictlyIncreasing(first);
        AssertStrictlyIncreasing(second);
    }

    [Fact]
    public async Task Under_concurrent_committers_queue_order_is_commit_order_and_a_tailing_reader_misses_nothing()
    {
        const int committers = 8;
        const int commitsEach = 20;
        var queue = NewQueue();
        var before = await LastSequenceAsync(queue);
        var tailed = new List<QueuedStreamEvent>();
        using var stop = new CancellationTokenSource();

        // Reads the queue the way a consumer does: always after the last sequence seen. If a commit could
        // land below a sequence already seen, this reader would skip it.
        var tail = Task.Run(async () =>
        {
            var after = before;
            while (true)
            {
                var done = stop.IsCancellationRequested;
                var page = await QueueStorage.ReadQueueAsync(queue, after, 7);
                if (page.Count > 0 && page[0].Sequence <= after)
                {
                    throw new InvalidOperationException($"ReadQueueAsync after {after} returned sequence {page[0].Sequence}.");
                }

                tailed.AddRange(page);
                if (page.Count > 0)
                {
                    after = page[^1].Sequence;
                }
                else if (done)
                {
                    return;
                }
                else
                {
                    await Task.Delay(1);
                }
            }
        });

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, committers).Select(c => Task.Run(async () =>
        {
            await start.Task;
            var grain = NewGrain();
            string? eTag = null;
            for (var i = 0; i < commitsEach; i++)
            {
                // Mixed in with state writes, as grains commit them; every other commit carries two events.
                var events = i % 2 == 0
                    ? new[] { NewEvent(queue, $"{c}:{i}:0") }
                    : new[] { NewEvent(queue, $"{c}:{i}:0"), NewEvent(queue, $"{c}:{i}:1") };
                var result = await GrainStorage.CommitAsync(new GrainCommit([Change(grain, eTag, Bytes($"{i}"))], [], events));
                eTag = result.ETags[0];
            }
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(writers).WaitAsync(WaitLimit);
        stop.Cancel();
        await tail.WaitAsync(WaitLimit);

        var all = await ReadWholeQueueAsync(queue, before);
        var expectedCount = committers * (commitsEach + commitsEach / 2);
        Assert.Equal(expectedCount, all.Count);
        AssertStrictlyIncreasing(all);
        Assert.Equal(all.Select(e => e.Sequence), tailed.Select(e => e.Sequence));

        var payloads = all.Select(e => Text(e.Event.Payload)).ToList();
        Assert.Equal(expectedCount, payloads.Distinct(StringComparer.Ordinal).Count());
        for (var c = 0; c < committers; c++)
        {
            // Each committer waited for a commit before starting the next, so its events must be in its order.
            var prefix = $"{c}:";
            var own = payloads.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            var expected = Enumerable.Range(0, commitsEach)
                .SelectMany(i => i % 2 == 0 ? new[] { $"{c}:{i}:0" } : new[] { $"{c}:{i}:0", $"{c}:{i}:1" });
            Assert.Equal(expected, own);
        }
    }

    [Fact]
    public async Task Trimming_deletes_only_old_acknowledged_events_and_never_lets_a_sequence_be_reused()
    {
        var queue = NewQueue();
        var before = await LastSequenceAsync(queue);
        var old = NowMs().AddHours(-2);
        var recent = NowMs();
        await GrainStorage.CommitAsync(GrainCommit.EventsOnly(Enumerable.Range(1, 5).Select(i => NewEvent(queue, $"old{i}", old)).ToArray()));
        await GrainStorage.CommitAsync(GrainCommit.EventsOnly([NewEvent(queue, "new1", recent), NewEvent(queue, "new2", recent)]));
        var events = await ReadWholeQueueAsync(queue, before);
        Assert.Equal(7, events.Count);

        Assert.Equal(4, await QueueStorage.TrimQueueAsync(queue, events[3].Sequence, recent.AddHours(-1)));
        Assert.Equal(["old5", "new1", "new2"], (await ReadWholeQueueAsync(queue, before)).Select(e => Text(e.Event.Payload)));

        // Up to the last sequence, but only what was created before the cut-off.
        Assert.Equal(1, await QueueStorage.TrimQueueAsync(queue, events[^1].Sequence, recent.AddHours(-1)));
        Assert.Equal(0, await QueueStorage.TrimQueueAsync(queue, events[^1].Sequence, recent.AddHours(-1)));
        Assert.Equal(2, await QueueStorage.TrimQueueAsync(queue, events[^1].Sequence, recent.AddHours(1)));
        Assert.Empty(await QueueStorage.ReadQueueAsync(queue, 0, 100));

        await GrainStorage.CommitAsync(GrainCommit.EventsOnly([NewEvent(queue, "after-trim")]));
        var next = Assert.Single(await QueueStorage.ReadQueueAsync(queue, 0, 100));
        Assert.True(next.Sequence > events[^1].Sequence, $"Sequence {next.Sequence} was handed out again after trimming up to {events[^1].Sequence}.");
        Assert.Equal("after-trim", Text(next.Event.Payload));
    }

    [Fact]
    public async Task Checkpoints_start_at_zero_and_round_trip_per_consumer_and_queue()
    {
        var consumer = Unique("projector");
        var otherConsumer = Unique("mailer");
        var queue = NewQueue();
        var otherQueue = NewQueue();

        Assert.Equal(0, await QueueStorage.ReadCheckpointAsync(consumer, queue));

        await QueueStorage.WriteCheckpointAsync(consumer, queue, 42);
        Assert.Equal(42, await QueueStorage.ReadCheckpointAsync(consumer, queue));
        Assert.Equal(0, await QueueStorage.ReadCheckpointAsync(consumer, otherQueue));
        Assert.Equal(0, await QueueStorage.ReadCheckpointAsync(otherConsumer, queue));

        await QueueStorage.WriteCheckpointAsync(consumer, queue, 9_000_000_000);
        await QueueStorage.WriteCheckpointAsync(otherConsumer, queue, 7);
        Assert.Equal(9_000_000_000, await QueueStorage.ReadCheckpointAsync(consumer, queue));
        Assert.Equal(7, await QueueStorage.ReadCheckpointAsync(otherConsumer, queue));
    }

    [Fact]
    public async Task Dead_letters_can_be_added_listed_oldest_first_fetched_and_deleted()
    {
        var consumer = Unique("projector");
        var queue = NewQueue();
        var failedAt = NowMs();
        var firstEvent = NewEvent(queue, "poison-1", new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(9)));
        var first = new DeadLetter(123_456, consumer, firstEvent, "NullReferenceException: boom 💥", 5, failedAt);
        var second = new DeadLetter(0, consumer, NewEvent(queue, "poison-2"), "timeout", 3, failedAt.AddSeconds(1));

        var firstId = await QueueStorage.AddDeadLetterAsync(first);
        var secondId = await QueueStorage.AddDeadLetterAsync(second);

        Assert.NotEqual(firstId, secondId);
        var fetched = await QueueStorage.GetDeadLetterAsync(firstId);
        Assert.NotNull(fetched);
        Assert.Equal(firstId, fetched.Id);
        Assert.Equal(consumer, fetched.Consumer);
        Assert.Equal(first.Error, fetched.Error);
        Assert.Equal(5, fetched.Attempts);
        Assert.Equal(failedAt, fetched.FailedAt);
        Assert.Equal(firstEvent.EventId, fetched.Event.EventId);
        Assert.Equal(firstEvent.StreamNamespace, fetched.Event.StreamNamespace);
        Assert.Equal(firstEvent.StreamKey, fetched.Event.StreamKey);
        Assert.Equal(queue, fetched.Event.Queue);
        Assert.Equal(firstEvent.EventType, fetched.Event.EventType);
        Assert.Equal(firstEvent.Payload, fetched.Event.Payload);
        Assert.Equal(firstEvent.CreatedAt, fetched.Event.CreatedAt);

        var listed = (await QueueStorage.ListDeadLettersAsync(100_000)).Where(d => d.Consumer == consumer).ToList();
        Assert.Equal([firstId, secondId], listed.Select(d => d.Id));
        Assert.Single(await QueueStorage.ListDeadLettersAsync(1));

        Assert.True(await QueueStorage.DeleteDeadLetterAsync(firstId));
        Assert.Null(await QueueStorage.GetDeadLetterAsync(firstId));
        Assert.False(await QueueStorage.DeleteDeadLetterAsync(firstId));
        Assert.Equal([secondId], (await QueueStorage.ListDeadLettersAsync(100_000)).Where(d => d.Consumer == consumer).Select(d => d.Id));
        Assert.True(await QueueStorage.DeleteDeadLetterAsync(secondId));
    }
}
