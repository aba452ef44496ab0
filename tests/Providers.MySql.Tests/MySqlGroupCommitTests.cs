using System.Text;
using System.Text.Json;
using Shop.Runtime;
using Shop.Runtime.Storage;

using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>Group commit: many grains' commits in one transaction, each failing or succeeding on its own.</summary>
public sealed class MySqlGroupCommitTests(MySqlStoreFixture fixture) : IClassFixture<MySqlStoreFixture>
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private MySqlStore Store => fixture.Store;

    [Fact]
    public async Task Commits_queued_together_form_one_transaction_in_which_each_conflict_rolls_back_only_itself()
    {
        var blockedQueue = NewQueue();
        var queue = NewQueue();
        var a = Grain("a");
        var b = Grain("b");
        var c = Grain("c");
        var ledger = Grain("ledger");
        var bFirst = await WriteAsync(b, null, "b1");
        await using var blocker = await QueueRowBlocker.HoldAsync(fixture.Database, blockedQueue);

        // The first batch stops on the blocked queue row; everything after it queues up behind it.
        var head = Store.CommitAsync(GrainCommit.EventsOnly([Event(blockedQueue, "head")]));
        await blocker.WaitForWaiterAsync();
        var batchesBefore = Store.CommittedBatches;

        using var canceled = new CancellationTokenSource();
        var commits = new[]
        {
            Store.CommitAsync(new GrainCommit([Change(a, null, "a1")], [], [Event(queue, "c0-1"), Event(queue, "c0-2")])),
            Store.CommitAsync(new GrainCommit([Change(b, "999", "stale")], [Append(ledger, 10, "never")], [Event(queue, "c1")])),
            Store.CommitAsync(new GrainCommit([Change(b, bFirst, "b2")], [], [])),
            Store.CommitAsync(new GrainCommit([Change(a, null, "a-again")], [], [Event(queue, "c3")])),
            Store.CommitAsync(new GrainCommit([], [Append(ledger, 1, "l1", "l2", "l3")], [Event(queue, "c4")])),
            Store.CommitAsync(new GrainCommit([], [Append(ledger, 3, "l3-again", "l4")], [Event(queue, "c5")])),
            Store.CommitAsync(GrainCommit.EventsOnly([Event(queue, "c6")])),
            Store.CommitAsync(new GrainCommit([Change(c, "not-an-etag", "c1")], [], [Event(queue, "c7")])),
            Store.CommitAsync(new GrainCommit([Change(b, "2", null)], [], [Event(queue, "c8")])),
            Store.CommitAsync(new GrainCommit([Change(c, null, "c-new")], [], [Event(queue, "c9")]), canceled.Token),
        };
        canceled.Cancel();
        await blocker.ReleaseAsync();

        await head;
        Assert.Equal("1", Assert.Single((await commits[0]).ETags));
        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => commits[1]);
        Assert.Equal(bFirst, stale.StoredETag);
        Assert.Equal("999", stale.CurrentETag);
        Assert.Equal("2", Assert.Single((await commits[2]).ETags));
        var duplicate = await Assert.ThrowsAsync<InconsistentStateException>(() => commits[3]);
        Assert.Equal("1", duplicate.StoredETag);
        Assert.Empty((await commits[4]).ETags);
        var journalConflict = await Assert.ThrowsAsync<InconsistentStateException>(() => commits[5]);
        Assert.Equal("3", journalConflict.StoredETag);
        Assert.Contains("version 3", journalConflict.Message);
        await commits[6];
        await Assert.ThrowsAsync<InconsistentStateException>(() => commits[7]);
        Assert.Equal("3", Assert.Single((await commits[8]).ETags));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => commits[9]);

        // The head's batch, then one batch for all the rest.
        Assert.Equal(batchesBefore + 2, Store.CommittedBatches);

        Assert.Equal("a1", Text((await Store.ReadStateAsync(a, "state"))?.Payload));
        var cleared = await Store.ReadStateAsync(b, "state");
        Assert.Equal(new StoredState("3", null), cleared);
        Assert.Null(await Store.ReadStateAsync(c, "state"));
        Assert.Equal(["l1", "l2", "l3"], (await Store.ReadJournalAsync(ledger, 0)).Select(e => JsonSerializer.Deserialize<string>(e.Payload)));
        var events = await Store.ReadQueueAsync(queue, 0, 100);
        Assert.Equal(["c0-1", "c0-2", "c4", "c6", "c8"], events.Select(e => Text(e.Event.Payload)));
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_commit_failing_on_a_database_error_fails_alone_and_the_rest_of_its_batch_commits()
    {
        var blockedQueue = NewQueue();
        var queue = NewQueue();
        var good = Grain("good");
        var huge = Grain("huge");
        await using var blocker = await QueueRowBlocker.HoldAsync(fixture.Database, blockedQueue);
        var head = Store.CommitAsync(GrainCommit.EventsOnly([Event(blockedQueue, "head")]));
        await blocker.WaitForWaiterAsync();

        // Larger than the server's max_allowed_packet (16 MiB): no statement can carry it.
        var tooLarge = new byte[17 * 1024 * 1024];
        var failing = Store.CommitAsync(new GrainCommit([new StateChange(huge, "state", "T", null, tooLarge)], [], [Event(queue, "lost")]));
        var passing = Store.CommitAsync(new GrainCommit([Change(good, null, "fine")], [], [Event(queue, "kept")]));
        await blocker.ReleaseAsync();

        await head;
        var error = await Assert.ThrowsAnyAsync<Exception>(() => failing);
        Assert.IsNotType<InconsistentStateException>(error);
        Assert.Equal("1", Assert.Single((await passing).ETags));
        Assert.Null(await Store.ReadStateAsync(huge, "state"));
        Assert.Equal("fine", Text((await Store.ReadStateAsync(good, "state"))?.Payload));
        Assert.Equal(["kept"], (await Store.ReadQueueAsync(queue, 0, 10)).Select(e => Text(e.Event.Payload)));

        // The writer recovered: later commits go through.
        await Store.CommitAsync(GrainCommit.EventsOnly([Event(queue, "after")]));
        Assert.Equal(["kept", "after"], (await Store.ReadQueueAsync(queue, 0, 10)).Select(e => Text(e.Event.Payload)));
    }

    [Fact]
    public async Task Commits_larger_than_one_command_are_split_and_stay_atomic()
    {
        var ledger = Grain("big-ledger");
        var entries = Enumerable.Range(0, 12).Select(i =>
        {
            var noise = new byte[1024 * 1024];
            new Random(i).NextBytes(noise);
            return JsonSerializer.SerializeToUtf8Bytes(Convert.ToBase64String(noise));
        }).ToList();
        var queue = NewQueue();
        var events = Enumerable.Range(0, 3000).Select(i => Event(queue, $"e{i}")).ToList();
        var big = Grain("big-state");
        var state = new byte[3 * 1024 * 1024];
        new Random(99).NextBytes(state);

        var result = await Store.CommitAsync(new GrainCommit(
            [new StateChange(big, "state", "T", null, state)],
            [new JournalAppend(ledger, 1, entries)],
            events));

        Assert.Equal(["1"], result.ETags);
        Assert.Equal(state, (await Store.ReadStateAsync(big, "state"))?.Payload);
        var journal = await Store.ReadJournalAsync(ledger, 0);
        Assert.Equal(Enumerable.Range(1, 12).Select(v => (long)v), journal.Select(e => e.Version));
        Assert.All(journal, e => Assert.Equal(entries[(int)e.Version - 1], e.Payload));
        var read = new List<QueuedStreamEvent>();
        for (var page = await Store.ReadQueueAsync(queue, 0, 1000); page.Count > 0; page = await Store.ReadQueueAsync(queue, read[^1].Sequence, 1000))
        {
            read.AddRange(page);
        }

        Assert.Equal(Enumerable.Range(1, 3000).Select(s => (long)s), read.Select(e => e.Sequence));
        Assert.Equal(events.Select(e => e.EventId), read.Select(e => e.Event.EventId));

        // A split commit whose journal conflicts writes none of its parts, not even the state row that went first.
        var other = Grain("big-state-2");
        var conflict = new JournalAppend(ledger, 13, [.. entries.Take(5), entries[0]]);
        await Store.CommitAsync(new GrainCommit([], [new JournalAppend(ledger, 13, [entries[0]])], []));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Store.CommitAsync(new GrainCommit(
            [new StateChange(other, "state", "T", null, state)], [conflict], [Event(queue, "never")])));
        Assert.Null(await Store.ReadStateAsync(other, "state"));
        Assert.Equal([13L], (await Store.ReadJournalAsync(ledger, 12)).Select(e => e.Version));
        Assert.Empty(await Store.ReadQueueAsync(queue, 3000, 10));
    }

    [Fact]
    public async Task Concurrent_commits_share_transactions()
    {
        var before = Store.CommittedBatches;
        var commits = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => Store.CommitAsync(new GrainCommit([Change(Grain($"g{i}"), null, "x")], [], []))))
            .ToArray();
        await Task.WhenAll(commits);

        var transactions = Store.CommittedBatches - before;
        Assert.InRange(transactions, 1, 199);
    }

    [Fact]
    public async Task Oversized_keys_are_rejected_before_they_reach_the_database()
    {
        var longKey = new GrainId("cart", new string('k', 501));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CommitAsync(new GrainCommit([Change(longKey, null, "x")], [], [])));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadStateAsync(longKey, "state"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteCheckpointAsync(new string('c', 256), 1, 1));

        // 500 characters outside the BMP are 1000 UTF-16 units but still fit.
        var wide = new GrainId("cart", string.Concat(Enumerable.Repeat("😀", 500)));
        Assert.Equal("1", Assert.Single((await Store.CommitAsync(new GrainCommit([Change(wide, null, "x")], [], []))).ETags));
        Assert.Equal("x", Text((await Store.ReadStateAsync(wide, "state"))?.Payload));
    }

    [Fact]
    public async Task A_disposed_store_refuses_work()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        var store = new MySqlStore(database.Options());
        await store.CommitAsync(GrainCommit.EventsOnly([Event(1, "x")]));
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CommitAsync(GrainCommit.EventsOnly([Event(1, "y")])));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadQueueAsync(1, 0, 10));
    }

    private GrainId Grain(string name) => new($"gc-{_run}", $"{name}-{Guid.NewGuid():N}");

    private static int NewQueue() => Random.Shared.Next(1_000_000, int.MaxValue);

    private static StateChange Change(GrainId grain, string? eTag, string? payload)
        => new(grain, "state", "Shop.Tests.State", eTag, payload is null ? null : Encoding.UTF8.GetBytes(payload));

    private static JournalAppend Append(GrainId grain, long firstVersion, params string[] entries)
        => new(grain, firstVersion, entries.Select(entry => JsonSerializer.SerializeToUtf8Bytes(entry)).ToList());

    private static StreamEvent Event(int queue, string payload)
        => new(Guid.NewGuid(), "ns", "key", queue, "Test", Encoding.UTF8.GetBytes(payload), DateTimeOffset.UtcNow);

    private static string Text(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);

    private async Task<string> WriteAsync(GrainId grain, string? eTag, string payload)
        => Assert.Single((await Store.CommitAsync(new GrainCommit([Change(grain, eTag, payload)], [], []))).ETags);
}
