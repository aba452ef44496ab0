using System.Text;
using Orleans.Storage;
using Shop.Journaling;

namespace Shop.Providers.MySql.Tests;

/// <summary>Group commit: many grains' writes in one transaction, each failing or succeeding on its own.</summary>
public sealed class MySqlGroupCommitTests(MySqlStoreFixture fixture) : IClassFixture<MySqlStoreFixture>
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private GrainId Grain(string name) => GrainId.Create($"group-{_run}", name);

    private static GrainState<ProbeState> State(string text, string? eTag) => new(new ProbeState { Text = text }, eTag);

    private static byte[] Line(string text) => Encoding.UTF8.GetBytes($"{{\"text\":\"{text}\"}}");

    [Fact]
    public async Task Writes_queued_together_share_one_transaction_in_which_each_conflict_fails_only_its_writer()
    {
        // One writer connection: while it waits on the locked row, every later write queues behind it.
        await using var store = new MySqlStore(fixture.Database.Options(maxBatchSize: 256, writers: 1));
        var storage = new MySqlGrainStorage(store);
        var journal = new MySqlJournalStorage(store);

        var blocked = Grain("blocked");
        var head = State("head-1", null);
        await storage.WriteStateAsync("state", blocked, head);
        var existing = Grain("existing");
        var existingState = State("e1", null);
        await storage.WriteStateAsync("state", existing, existingState);
        var other = Grain("other");
        var otherState = State("o1", null);
        await storage.WriteStateAsync("state", other, otherState);

        await using var blocker = await RowLockBlocker.HoldAsync(fixture.Database, blocked.Type.ToString()!, blocked.Key.ToString()!, "state");
        var headWrite = storage.WriteStateAsync("state", blocked, State("head-2", head.ETag));
        await blocker.WaitForWriterAsync();
        var batchesBefore = store.CommittedBatches;
        var writesBefore = store.CommittedWrites;

        var ledger = Grain("ledger");
        var gappedLedger = Grain("gapped-ledger");
        var fresh = Enumerable.Range(0, 40).Select(i => Grain($"fresh-{i}")).ToArray();
        using var canceled = new CancellationTokenSource();
        var canceledGrain = Grain("canceled");

        var insert = State("new", null);
        var staleWrite = storage.WriteStateAsync("state", existing, State("stale", "5"));
        var goodWrite = storage.WriteStateAsync("state", existing, existingState);
        var duplicateInsert = storage.WriteStateAsync("state", other, State("duplicate", null));
        var insertWrite = storage.WriteStateAsync("state", Grain("inserted"), insert);
        var append = journal.AppendAsync(ledger, 0, [Line("a"), Line("b")], null);
        var sameVersionAppend = journal.AppendAsync(ledger, 0, [Line("other a")], new JournalSnapshot(1, Line("stale")));
        var nextAppend = journal.AppendAsync(ledger, 2, [Line("c")], new JournalSnapshot(3, Line("abc")));
        var gappedAppend = journal.AppendAsync(gappedLedger, 4, [Line("x")], new JournalSnapshot(5, Line("gap")));
        var canceledWrite = storage.WriteStateAsync("state", canceledGrain, State("never", null), canceled.Token);
        var freshWrites = fresh.Select(g => storage.WriteStateAsync("state", g, State(g.Key.ToString()!, null))).ToArray();
        canceled.Cancel();

        await blocker.ReleaseAsync();
        await headWrite;

        await goodWrite;
        Assert.Equal("2", existingState.ETag);
        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        // A conflict names what is stored when its batch commits: here the good write queued after it.
        Assert.Equal("2", stale.StoredEtag);
        Assert.Equal("5", stale.CurrentEtag);
        var duplicate = await Assert.ThrowsAsync<InconsistentStateException>(() => duplicateInsert);
        Assert.Equal("1", duplicate.StoredEtag);
        await insertWrite;
        Assert.Equal("1", insert.ETag);
        await append;
        await Assert.ThrowsAsync<InconsistentStateException>(() => sameVersionAppend);
        await nextAppend;
        await Assert.ThrowsAsync<InconsistentStateException>(() => gappedAppend);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceledWrite);
        await Task.WhenAll(freshWrites);

        // The head's batch, then one batch for everything queued behind it (the canceled write was never taken).
        Assert.Equal(0, store.SplitBatches);
        Assert.Equal(batchesBefore + 2, store.CommittedBatches);
        Assert.Equal(writesBefore + 1 + 8 + fresh.Length, store.CommittedWrites);

        // What is stored is exactly what succeeded.
        var read = State("", null);
        await storage.ReadStateAsync("state", existing, read);
        Assert.Equal(("e1", "2"), (read.State!.Text, read.ETag));
        await storage.ReadStateAsync("state", other, read);
        Assert.Equal(("o1", "1"), (read.State!.Text, read.ETag));
        await storage.ReadStateAsync("state", blocked, read);
        Assert.Equal(("head-2", "2"), (read.State!.Text, read.ETag));
        await storage.ReadStateAsync("state", canceledGrain, read);
        Assert.False(read.RecordExists);
        foreach (var grain in fresh)
        {
            await storage.ReadStateAsync("state", grain, read);
            Assert.Equal(grain.Key.ToString(), read.State!.Text);
        }

        var ledgerRead = await journal.ReadAsync(ledger);
        Assert.Equal(3, ledgerRead.Snapshot?.Version);
        Assert.Equal(Line("abc"), ledgerRead.Snapshot!.Payload);
        Assert.Equal([Line("a"), Line("b"), Line("c")], (await journal.ReadEntriesAsync(ledger, 0)).Select(e => e.Payload));
        var gappedRead = await journal.ReadAsync(gappedLedger);
        Assert.Null(gappedRead.Snapshot);
        Assert.Empty(gappedRead.Entries);
    }

    [Fact]
    public async Task A_batch_of_writes_and_clears_that_all_match_commits_as_one_transaction()
    {
        await using var store = new MySqlStore(fixture.Database.Options(maxBatchSize: 256, writers: 1));
        var storage = new MySqlGrainStorage(store);
        var blocked = Grain("clear-blocked");
        var head = State("head-1", null);
        await storage.WriteStateAsync("state", blocked, head);
        var grains = Enumerable.Range(0, 20).Select(i => Grain($"clear-{i}")).ToArray();
        var states = new List<GrainState<ProbeState>>();
        foreach (var grain in grains)
        {
            var state = State("v1", null);
            await storage.WriteStateAsync("state", grain, state);
            states.Add(state);
        }

        await using var blocker = await RowLockBlocker.HoldAsync(fixture.Database, blocked.Type.ToString()!, blocked.Key.ToString()!, "state");
        var headWrite = storage.WriteStateAsync("state", blocked, State("head-2", head.ETag));
        await blocker.WaitForWriterAsync();
        var batchesBefore = store.CommittedBatches;

        // Even grains are cleared (a NULL payload in the grouped update), odd ones written; some new grains too.
        var writes = grains.Select((grain, i) => i % 2 == 0
            ? storage.ClearStateAsync("state", grain, states[i])
            : storage.WriteStateAsync("state", grain, State("v2", states[i].ETag))).ToList();
        var newGrains = Enumerable.Range(0, 5).Select(i => Grain($"clear-new-{i}")).ToArray();
        writes.AddRange(newGrains.Select(grain => storage.WriteStateAsync("state", grain, State("new", null))));
        await blocker.ReleaseAsync();
        await headWrite;
        await Task.WhenAll(writes);

        Assert.Equal(batchesBefore + 2, store.CommittedBatches);
        Assert.Equal(0, store.SplitBatches);
        for (var i = 0; i < grains.Length; i++)
        {
            var read = State("", null);
            await storage.ReadStateAsync("state", grains[i], read);
            Assert.Equal("2", read.ETag);
            Assert.Equal(i % 2 != 0, read.RecordExists);
            Assert.Equal(i % 2 == 0 ? "" : "v2", read.State!.Text);
        }

        foreach (var grain in newGrains)
        {
            var read = State("", null);
            await storage.ReadStateAsync("state", grain, read);
            Assert.Equal(("new", "1"), (read.State!.Text, read.ETag));
        }
    }

    [Fact]
    public async Task Concurrent_writes_of_many_grains_are_grouped_into_fewer_transactions_than_writes()
    {
        await using var store = new MySqlStore(fixture.Database.Options(maxBatchSize: 256, writers: 1));
        var storage = new MySqlGrainStorage(store);
        await store.InitializeAsync();
        var grains = Enumerable.Range(0, 200).Select(i => Grain($"many-{i}")).ToArray();
        var states = grains.Select(g => State("0", null)).ToArray();

        // Each grain writes five times in a row, as an activation does; the grains race each other.
        await Task.WhenAll(grains.Select((grain, i) => Task.Run(async () =>
        {
            for (var n = 1; n <= 5; n++)
            {
                states[i].State!.Text = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await storage.WriteStateAsync("state", grain, states[i]);
            }
        })));

        Assert.Equal(1000, store.CommittedWrites);
        Assert.Equal(0, store.SplitBatches);
        Assert.True(store.CommittedBatches < store.CommittedWrites, $"{store.CommittedBatches} transactions for {store.CommittedWrites} writes.");
        for (var i = 0; i < grains.Length; i++)
        {
            var read = State("", null);
            await storage.ReadStateAsync("state", grains[i], read);
            Assert.Equal(("5", "5"), (read.State!.Text, read.ETag));
        }
    }

    [Fact]
    public async Task An_entry_that_is_not_a_single_json_value_is_refused_before_anything_is_queued()
    {
        var journal = new MySqlJournalStorage(fixture.Store);
        var grain = Grain("bad-json");

        await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(grain, 0, [Line("ok"), Encoding.UTF8.GetBytes("{} {}")], null));
        await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(grain, 0, [Encoding.UTF8.GetBytes("{\"open\":")], null));

        Assert.Empty(await journal.ReadEntriesAsync(grain, 0));
    }

    [Fact]
    public async Task Entries_keep_surrounding_whitespace_and_are_readable_one_per_row_through_the_entries_view()
    {
        var journal = new MySqlJournalStorage(fixture.Store);
        var grain = Grain("view");
        byte[][] entries = [Encoding.UTF8.GetBytes(" {\"n\": 1}\n"), Encoding.UTF8.GetBytes("\t[1, 2] "), Encoding.UTF8.GetBytes("\"텍스트\"")];

        await journal.AppendAsync(grain, 0, entries, null);

        Assert.Equal(entries, (await journal.ReadEntriesAsync(grain, 0)).Select(e => e.Payload));
        var versions = await fixture.Database.QueryAsync<long>(
            $"SELECT version FROM grain_journal_entries WHERE grain_type = '{grain.Type}' AND grain_key = '{grain.Key}' ORDER BY version");
        Assert.Equal([1L, 2L, 3L], versions);
    }
}
