using System.Collections.Concurrent;
using System.Text;
using Shop.Runtime;
using Shop.Runtime.Storage;

using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>
/// Many committers and several writer connections at once on the same few queues: no deadlock, no lost
/// or reordered event, and conflicts only where ETags really collide.
/// </summary>
public sealed class MySqlCommitStormTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_storm_across_shared_queues_with_three_writers_commits_everything_in_order_without_deadlocks()
    {
        const int committers = 24;
        const int commitsEach = 40;
        int[] queues = [11, 7, 23, 5];
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using var store = new MySqlStore(database.Options(maxBatchSize: 16, writers: 3));
        await store.InitializeAsync();

        using var stop = new CancellationTokenSource();
        var tails = queues.ToDictionary(queue => queue, queue => Tail(store, queue, stop.Token));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, committers).Select(c => Task.Run(async () =>
        {
            await start.Task;
            var random = new Random(c);
            var grain = new GrainId("storm", $"c{c}");
            var ledger = new GrainId("storm-ledger", $"c{c}");
            string? eTag = null;
            for (var i = 0; i < commitsEach; i++)
            {
                // Each commit touches three of the four queues, in a random order.
                var events = queues.OrderBy(_ => random.Next()).Take(3)
                    .Select(queue => new StreamEvent(Guid.NewGuid(), "storm", $"c{c}", queue, "Tick", Encoding.UTF8.GetBytes($"{c}:{i}"), DateTimeOffset.UtcNow))
                    .ToList();
                var result = await store.CommitAsync(new GrainCommit(
                    [new StateChange(grain, "state", "T", eTag, Encoding.UTF8.GetBytes($"{i}"))],
                    [new JournalAppend(ledger, i + 1, [Encoding.UTF8.GetBytes($"{i}")])],
                    events));
                eTag = result.ETags[0];
            }

            return eTag;
        })).ToArray();
        start.SetResult();
        var lastETags = await Task.WhenAll(writers).WaitAsync(WaitLimit);
        stop.Cancel();

        Assert.All(lastETags, eTag => Assert.Equal($"{commitsEach}", eTag));
        // Locks are taken in one order (state rows by key, queue rows by id), so writers never deadlock.
        Assert.Equal(0, store.RetriedBatches);
        Assert.True(store.CommittedBatches < committers * commitsEach, $"{store.CommittedBatches} transactions for {committers * commitsEach} commits: no group commit happened.");

        var total = 0;
        foreach (var queue in queues)
        {
            var tailed = await tails[queue].WaitAsync(WaitLimit);
            var all = await ReadAllAsync(store, queue);
            total += all.Count;

            // Gap-free and in commit order: a tailing reader that never looks back saw every event.
            Assert.Equal(Enumerable.Range(1, all.Count).Select(s => (long)s), all.Select(e => e.Sequence));
            Assert.Equal(all.Select(e => e.Sequence), tailed.Select(e => e.Sequence));

            // Each committer waited for each commit, so its events are in its own order in every queue.
            foreach (var own in all.GroupBy(e => e.Event.StreamKey))
            {
                var commits = own.Select(e => int.Parse(Encoding.UTF8.GetString(e.Event.Payload).Split(':')[1])).ToList();
                Assert.Equal(commits.Order(), commits);
            }
        }

        Assert.Equal(committers * commitsEach * 3, total);
        for (var c = 0; c < committers; c++)
        {
            Assert.Equal(commitsEach, (await store.ReadJournalAsync(new GrainId("storm-ledger", $"c{c}"), 0)).Count);
        }
    }

    [Fact]
    public async Task Racing_writers_on_the_same_grains_get_conflicts_never_lost_updates()
    {
        const int grains = 4;
        const int writersCount = 16;
        const int attemptsEach = 30;
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using var store = new MySqlStore(database.Options(maxBatchSize: 32, writers: 3));
        await store.InitializeAsync();

        var successes = new ConcurrentBag<(int Grain, string ETag, string Payload)>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, writersCount).Select(w => Task.Run(async () =>
        {
            await start.Task;
            var random = new Random(w);
            for (var i = 0; i < attemptsEach; i++)
            {
                // Two grains per commit in a random order: the crosswise pattern that deadlocks naive writers.
                var pair = Enumerable.Range(0, grains).OrderBy(_ => random.Next()).Take(2).ToArray();
                var changes = new List<StateChange>();
                foreach (var g in pair)
                {
                    var grain = new GrainId("race", $"g{g}");
                    var current = await store.ReadStateAsync(grain, "state");
                    changes.Add(new StateChange(grain, "state", "T", current?.ETag, Encoding.UTF8.GetBytes($"{w}:{i}")));
                }

                try
                {
                    var result = await store.CommitAsync(new GrainCommit(changes, [], []));
                    for (var k = 0; k < pair.Length; k++)
                    {
                        successes.Add((pair[k], result.ETags[k], $"{w}:{i}"));
                    }
                }
                catch (InconsistentStateException)
                {
                    // Someone else wrote first; this writer's view was stale.
                }
            }
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(writers).WaitAsync(WaitLimit);

        Assert.NotEmpty(successes);
        for (var g = 0; g < grains; g++)
        {
            var mine = successes.Where(s => s.Grain == g).ToList();
            var stored = await store.ReadStateAsync(new GrainId("race", $"g{g}"), "state");
            if (mine.Count == 0)
            {
                Assert.Null(stored);
                continue;
            }

            // Every acknowledged write got its own version, the versions have no gaps, and the row holds the last one.
            var versions = mine.Select(s => long.Parse(s.ETag)).Order().ToList();
            Assert.Equal(Enumerable.Range(1, mine.Count).Select(v => (long)v), versions);
            Assert.NotNull(stored);
            Assert.Equal($"{mine.Count}", stored.ETag);
            Assert.Equal(mine.Single(s => s.ETag == stored.ETag).Payload, Encoding.UTF8.GetString(stored.Payload!));
        }
    }

    private static Task<List<QueuedStreamEvent>> Tail(MySqlStore store, int queue, CancellationToken stop) => Task.Run(async () =>
    {
        var seen = new List<QueuedStreamEvent>();
        var after = 0L;
        while (true)
        {
            var done = stop.IsCancellationRequested;
            var page = await store.ReadQueueAsync(queue, after, 50);
            seen.AddRange(page);
            if (page.Count > 0)
            {
                after = page[^1].Sequence;
            }
            else if (done)
            {
                return seen;
            }
            else
            {
                await Task.Delay(2);
            }
        }
    });

    private static async Task<List<QueuedStreamEvent>> ReadAllAsync(MySqlStore store, int queue)
    {
        var all = new List<QueuedStreamEvent>();
        for (var page = await store.ReadQueueAsync(queue, 0, 500); page.Count > 0; page = await store.ReadQueueAsync(queue, all[^1].Sequence, 500))
        {
            all.AddRange(page);
        }

        return all;
    }
}
