using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.TestKit.Conformance;

public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task A_commit_with_one_stale_state_change_writes_nothing()
    {
        var existing = NewGrain();
        var existingETag = await WriteAsync(existing, null, "existing-v1");
        var stale = NewGrain();
        var staleFirst = await WriteAsync(stale, null, "stale-v1");
        var staleSecond = await WriteAsync(stale, staleFirst, "stale-v2");
        var fresh = NewGrain();
        var journaled = NewGrain("ledger");
        var queue = NewQueue();
        var before = await LastSequenceAsync(queue);

        var commit = new GrainCommit(
            [
                Change(fresh, null, Bytes("fresh-v1")),
                Change(existing, existingETag, Bytes("existing-v2")),
                Change(stale, staleFirst, Bytes("stale-overwrite")),
            ],
            [new JournalAppend(journaled, 1, [Line("line-1"), Line("line-2")])],
            [NewEvent(queue, "e1"), NewEvent(queue, "e2")]);
        await Assert.ThrowsAsync<InconsistentStateException>(() => GrainStorage.CommitAsync(commit));

        Assert.Null(await GrainStorage.ReadStateAsync(fresh, "state"));
        var existingState = await GrainStorage.ReadStateAsync(existing, "state");
        Assert.Equal(existingETag, existingState?.ETag);
        Assert.Equal("existing-v1", Text(existingState?.Payload));
        var staleState = await GrainStorage.ReadStateAsync(stale, "state");
        Assert.Equal(staleSecond, staleState?.ETag);
        Assert.Equal("stale-v2", Text(staleState?.Payload));
        Assert.Empty(await GrainStorage.ReadJournalAsync(journaled, 0));
        Assert.DoesNotContain(journaled.Key, await GrainStorage.ListJournaledKeysAsync(journaled.Type));
        Assert.Empty(await QueueStorage.ReadQueueAsync(queue, before, 100));

        // The same commit without the stale change goes through whole.
        var retry = commit with { States = [commit.States[0], commit.States[1]] };
        var result = await GrainStorage.CommitAsync(retry);
        Assert.Equal(2, result.ETags.Count);
        Assert.Equal("fresh-v1", Text((await GrainStorage.ReadStateAsync(fresh, "state"))?.Payload));
        Assert.Equal("existing-v2", Text((await GrainStorage.ReadStateAsync(existing, "state"))?.Payload));
        Assert.Equal(2, (await GrainStorage.ReadJournalAsync(journaled, 0)).Count);
        var events = await QueueStorage.ReadQueueAsync(queue, before, 100);
        Assert.Equal(["e1", "e2"], events.Select(e => Text(e.Event.Payload)));
    }

    [Fact]
    public async Task A_commit_appending_an_existing_journal_version_writes_nothing()
    {
        var ledger = NewGrain("ledger");
        await GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(ledger, 1, [Line("line-1"), Line("line-2")])], []));
        var other = NewGrain();
        var queue = NewQueue();
        var before = await LastSequenceAsync(queue);

        // Versions 2 and 3: version 2 exists, so neither may be written, nor anything else of the commit.
        var commit = new GrainCommit(
            [Change(other, null, Bytes("state"))],
            [new JournalAppend(ledger, 2, [Line("dup-2"), Line("line-3")])],
            [NewEvent(queue, "event")]);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => GrainStorage.CommitAsync(commit));
        Assert.NotNull(conflict.Message);

        var journal = await GrainStorage.ReadJournalAsync(ledger, 0);
        Assert.Equal(["line-1", "line-2"], journal.Select(entry => LineText(entry.Payload)));
        Assert.Null(await GrainStorage.ReadStateAsync(other, "state"));
        Assert.Empty(await QueueStorage.ReadQueueAsync(queue, before, 100));
    }

    [Fact]
    public async Task Journal_rows_append_read_in_version_order_and_reject_existing_versions()
    {
        var ledger = NewGrain("ledger");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        await GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(ledger, 1, [Line("a"), Line("b"), Line("c")])], []));
        await GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(ledger, 4, [Line("d")])], []));

        var all = await GrainStorage.ReadJournalAsync(ledger, 0);
        Assert.Equal([1L, 2L, 3L, 4L], all.Select(entry => entry.Version));
        Assert.Equal(["a", "b", "c", "d"], all.Select(entry => LineText(entry.Payload)));
        Assert.All(all, entry => Assert.InRange(entry.RecordedAt, before, DateTimeOffset.UtcNow.AddSeconds(5)));

        var tail = await GrainStorage.ReadJournalAsync(ledger, 2);
        Assert.Equal([3L, 4L], tail.Select(entry => entry.Version));
        Assert.Empty(await GrainStorage.ReadJournalAsync(ledger, 4));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(ledger, 4, [Line("other d")])], [])));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(ledger, 1, [Line("other a")])], [])));
        Assert.Equal("d", LineText((await GrainStorage.ReadJournalAsync(ledger, 3))[0].Payload));
        Assert.Empty(await GrainStorage.ReadJournalAsync(NewGrain("ledger"), 0));
    }

    [Fact]
    public async Task Journal_entries_come_back_byte_for_byte_from_any_version_inside_a_commit()
    {
        var ledger = NewGrain("ledger");
        byte[][] entries =
        [
            Bytes("""{"kind":"Reserved","note":"원장 📒 \"quoted\"","nested":[1,{"a":null}]}"""),
            Bytes("[]"),
            Bytes("-12.5e3"),
            Bytes("\"\\u00e9\""),
        ];
        await GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(ledger, 1, entries)], []));

        for (var after = 0; after <= entries.Length; after++)
        {
            var read = await GrainStorage.ReadJournalAsync(ledger, after);
            Assert.Equal(Enumerable.Range(after + 1, entries.Length - after).Select(v => (long)v), read.Select(entry => entry.Version));
            Assert.All(read, entry => Assert.Equal(entries[entry.Version - 1], entry.Payload));
        }

        // Version 3 lies inside the row the first commit wrote: still an existing version.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(ledger, 3, [Line("other 3")])], [])));
    }

    [Fact]
    public async Task A_journal_append_that_would_leave_a_gap_is_refused_with_its_whole_commit()
    {
        var ledger = NewGrain("ledger");
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            GrainStorage.CommitAsync(new GrainCommit([Change(ledger, null, Bytes("state"))], [new JournalAppend(ledger, 2, [Line("no 1")])], [])));
        await GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(ledger, 1, [Line("1"), Line("2")])], []));

        var gap = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            GrainStorage.CommitAsync(new GrainCommit([Change(ledger, null, Bytes("state"))], [new JournalAppend(ledger, 4, [Line("4")])], [])));

        Assert.Equal("2", gap.StoredETag);
        Assert.Null(await GrainStorage.ReadStateAsync(ledger, "state"));
        Assert.Equal(["1", "2"], (await GrainStorage.ReadJournalAsync(ledger, 0)).Select(entry => LineText(entry.Payload)));
        await GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(ledger, 3, [Line("3")])], []));
        Assert.Equal(3, (await GrainStorage.ReadJournalAsync(ledger, 0)).Count);
    }

    [Theory]
    [InlineData("line-1")]
    [InlineData(" \"padded\"")]
    [InlineData("{\"a\":1} ")]
    [InlineData("1 2")]
    [InlineData("{\"a\":")]
    [InlineData("")]
    public async Task A_journal_entry_that_is_not_one_JSON_value_is_refused_and_nothing_of_its_commit_is_stored(string entry)
    {
        var ledger = NewGrain("ledger");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            GrainStorage.CommitAsync(new GrainCommit([Change(ledger, null, Bytes("state"))], [new JournalAppend(ledger, 1, [Line("fine"), Bytes(entry)])], [])));

        Assert.Empty(await GrainStorage.ReadJournalAsync(ledger, 0));
        Assert.Null(await GrainStorage.ReadStateAsync(ledger, "state"));
    }

    [Fact]
    public async Task Two_concurrent_appends_of_the_same_journal_version_let_exactly_one_through()
    {
        var ledger = NewGrain("ledger");
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(ledger, 1, [Line($"writer-{i}")])], []));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })).ToArray();

        var outcomes = await Task.WhenAll(attempts).WaitAsync(WaitLimit);

        Assert.Single(outcomes, won => won);
        Assert.Single(await GrainStorage.ReadJournalAsync(ledger, 0));
    }

    [Fact]
    public async Task ListJournaledKeys_lists_each_grain_of_the_type_with_journal_rows_once()
    {
        var grains = new[] { NewGrain("ledger"), NewGrain("ledger"), NewGrain("ledger") };
        foreach (var grain in grains)
        {
            await GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(grain, 1, [Line("1"), Line("2")])], []));
        }

        var stateOnly = NewGrain("ledger");
        await WriteAsync(stateOnly, null, "no journal");
        var otherType = new GrainId(NewGrain("other").Type, grains[0].Key + "-x");
        await GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(otherType, 1, [Line("1")])], []));

        var keys = await GrainStorage.ListJournaledKeysAsync(grains[0].Type);

        Assert.Equal(grains.Select(grain => grain.Key).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.Empty(await GrainStorage.ListJournaledKeysAsync(NewGrain("nothing").Type));
    }

    [Fact]
    public async Task An_empty_commit_succeeds_and_returns_no_etags()
    {
        var result = await GrainStorage.CommitAsync(new GrainCommit([], [], []));
        Assert.Empty(result.ETags);
    }
}
