using System.Text;
using System.Text.Json;
using Orleans.Storage;
using Shop.Journaling;

namespace Shop.TestKit.Conformance;

/// <summary>
/// What every <see cref="IJournalStorage"/> of this project must do: append without gaps or duplicates,
/// read back byte for byte, keep a snapshot with the append that produced it, and refuse a stale or gapped
/// append whole. A provider's test project derives one class and implements <see cref="CreateJournalStorageAsync"/>.
/// </summary>
/// <remarks>
/// The storage may be shared by all tests of the derived class and may already hold data: every test
/// invents grain types and keys of its own.
/// </remarks>
public abstract class JournalStorageConformanceTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private readonly string _run = Guid.NewGuid().ToString("N")[..12];

    private IJournalStorage? _journal;

    /// <summary>The storage under test, from <see cref="CreateJournalStorageAsync"/>.</summary>
    protected IJournalStorage Journal => _journal ?? throw new InvalidOperationException("The storage is created in InitializeAsync.");

    /// <summary>Creates (or hands out a shared) storage under test; called before every test.</summary>
    protected abstract Task<IJournalStorage> CreateJournalStorageAsync();

    /// <summary>Releases what <see cref="CreateJournalStorageAsync"/> made for one test; called after every test. Default: nothing.</summary>
    protected virtual Task DisposeJournalStorageAsync(IJournalStorage journal) => Task.CompletedTask;

    public async Task InitializeAsync() => _journal = await CreateJournalStorageAsync();

    public async Task DisposeAsync()
    {
        if (_journal is not null)
        {
            await DisposeJournalStorageAsync(_journal);
        }
    }

    private GrainId NewGrain(string type = "ledger") => GrainId.Create($"{type}-{_run}", Guid.NewGuid().ToString("N"));

    /// <summary>An entry as the journaled grains write them: one JSON value.</summary>
    private static byte[] Line(string text) => JsonSerializer.SerializeToUtf8Bytes(new { text });

    private static string Text(JournalEntry entry) => JsonDocument.Parse(entry.Payload).RootElement.GetProperty("text").GetString()!;

    private static JournalSnapshot Snapshot(long version, string state) => new(version, JsonSerializer.SerializeToUtf8Bytes(new { state }));

    private static string SnapshotText(JournalSnapshot snapshot) => JsonDocument.Parse(snapshot.Payload).RootElement.GetProperty("state").GetString()!;

    private Task AppendAsync(GrainId grain, long expectedVersion, params string[] lines)
        => Journal.AppendAsync(grain, expectedVersion, lines.Select(Line).ToArray(), snapshot: null);

    [Fact]
    public async Task A_journal_never_written_reads_empty()
    {
        var grain = NewGrain();

        var read = await Journal.ReadAsync(grain);

        Assert.Null(read.Snapshot);
        Assert.Empty(read.Entries);
        Assert.Empty(await Journal.ReadEntriesAsync(grain, 0));
    }

    [Fact]
    public async Task Appends_read_back_in_version_order_from_any_version()
    {
        var grain = NewGrain();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        await AppendAsync(grain, 0, "a", "b", "c");
        await AppendAsync(grain, 3, "d");
        await AppendAsync(grain, 4, "e", "f");

        var read = await Journal.ReadAsync(grain);
        Assert.Null(read.Snapshot);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], read.Entries.Select(e => e.Version));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], read.Entries.Select(Text));
        Assert.All(read.Entries, e => Assert.InRange(e.RecordedAt, before, DateTimeOffset.UtcNow.AddMinutes(1)));

        // From inside an append, at its edges, and past the end.
        for (var after = 0; after <= 6; after++)
        {
            var tail = await Journal.ReadEntriesAsync(grain, after);
            Assert.Equal(Enumerable.Range(after + 1, 6 - after).Select(v => (long)v), tail.Select(e => e.Version));
        }

        Assert.Empty(await Journal.ReadEntriesAsync(grain, 10));
        Assert.Empty((await Journal.ReadAsync(NewGrain())).Entries);
    }

    [Fact]
    public async Task Entries_come_back_byte_for_byte()
    {
        var grain = NewGrain();
        byte[][] entries =
        [
            Encoding.UTF8.GetBytes("""{"kind":"Reserved","note":"원장 📒 \"quoted\" \\ \u00e9","nested":[1,{"a":null}],"n":-12.5e3}"""),
            Encoding.UTF8.GetBytes("[]"),
            Encoding.UTF8.GetBytes("\"\\u00e9\\ud83d\\ude00\""),
            Encoding.UTF8.GetBytes("{\"key order\":2,\"a\":1,\"dup\":1,\"dup\":2}"),
            Encoding.UTF8.GetBytes("12345678901234567890.000"),
            Encoding.UTF8.GetBytes("{\"big\":\"" + new string('x', 200_000) + "\"}"),
        ];

        await Journal.AppendAsync(grain, 0, entries, snapshot: null);

        var read = await Journal.ReadEntriesAsync(grain, 0);
        Assert.Equal(entries.Length, read.Count);
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.Equal(i + 1, read[i].Version);
            Assert.Equal(entries[i], read[i].Payload);
        }
    }

    [Fact]
    public async Task A_snapshot_is_read_with_the_entries_after_it_only()
    {
        var grain = NewGrain();
        await AppendAsync(grain, 0, "a", "b");
        await Journal.AppendAsync(grain, 2, [Line("c")], Snapshot(3, "abc"));
        await AppendAsync(grain, 3, "d", "e");

        var read = await Journal.ReadAsync(grain);

        Assert.NotNull(read.Snapshot);
        Assert.Equal(3, read.Snapshot.Version);
        Assert.Equal("abc", SnapshotText(read.Snapshot));
        Assert.Equal([4L, 5L], read.Entries.Select(e => e.Version));
        Assert.Equal(["d", "e"], read.Entries.Select(Text));
        // Snapshots never hide entries from a full read.
        Assert.Equal(["a", "b", "c", "d", "e"], (await Journal.ReadEntriesAsync(grain, 0)).Select(Text));
    }

    [Fact]
    public async Task A_snapshot_of_a_version_before_the_append_s_last_is_read_with_the_entries_after_it()
    {
        // A grain serializes a snapshot while its next appends are on their way, and sends it with a later one.
        var grain = NewGrain();
        await AppendAsync(grain, 0, "a", "b");
        await Journal.AppendAsync(grain, 2, [Line("c"), Line("d")], Snapshot(2, "ab"));

        var read = await Journal.ReadAsync(grain);

        Assert.Equal(2, read.Snapshot?.Version);
        Assert.Equal("ab", SnapshotText(read.Snapshot!));
        Assert.Equal(["c", "d"], read.Entries.Select(Text));
    }

    [Fact]
    public async Task A_snapshot_beyond_the_append_s_last_version_is_refused_and_nothing_is_stored()
    {
        var grain = NewGrain();

        await Assert.ThrowsAsync<ArgumentException>(() => Journal.AppendAsync(grain, 0, [Line("a")], Snapshot(2, "ab")));

        var read = await Journal.ReadAsync(grain);
        Assert.Null(read.Snapshot);
        Assert.Empty(read.Entries);
    }

    [Fact]
    public async Task A_newer_snapshot_replaces_the_older_one()
    {
        var grain = NewGrain();
        await Journal.AppendAsync(grain, 0, [Line("a"), Line("b")], Snapshot(2, "ab"));
        await Journal.AppendAsync(grain, 2, [Line("c")], Snapshot(3, "abc"));

        var read = await Journal.ReadAsync(grain);

        Assert.Equal(3, read.Snapshot?.Version);
        Assert.Equal("abc", SnapshotText(read.Snapshot!));
        Assert.Empty(read.Entries);
    }

    [Fact]
    public async Task An_append_at_an_existing_version_is_refused_and_stores_nothing_not_even_its_snapshot()
    {
        var grain = NewGrain();
        await Journal.AppendAsync(grain, 0, [Line("a"), Line("b")], Snapshot(2, "ab"));

        // Starting at version 2 (inside the stored append) and at version 1: both exist.
        await Assert.ThrowsAsync<InconsistentStateException>(() => Journal.AppendAsync(grain, 1, [Line("other b"), Line("c")], Snapshot(3, "stale")));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Journal.AppendAsync(grain, 0, [Line("other a")], Snapshot(1, "stale")));

        var read = await Journal.ReadAsync(grain);
        Assert.Equal(2, read.Snapshot?.Version);
        Assert.Equal("ab", SnapshotText(read.Snapshot!));
        Assert.Equal(["a", "b"], (await Journal.ReadEntriesAsync(grain, 0)).Select(Text));

        // The writer that is current goes on.
        await AppendAsync(grain, 2, "c");
        Assert.Equal(["a", "b", "c"], (await Journal.ReadEntriesAsync(grain, 0)).Select(Text));
    }

    [Fact]
    public async Task An_append_that_would_leave_a_gap_is_refused_and_stores_nothing()
    {
        var grain = NewGrain();
        await Assert.ThrowsAsync<InconsistentStateException>(() => Journal.AppendAsync(grain, 1, [Line("no 1")], Snapshot(2, "gap")));
        Assert.Empty(await Journal.ReadEntriesAsync(grain, 0));
        Assert.Null((await Journal.ReadAsync(grain)).Snapshot);
        Assert.DoesNotContain(grain.Key.ToString(), await Journal.ListKeysAsync(grain.Type));

        await AppendAsync(grain, 0, "1", "2");
        await Assert.ThrowsAsync<InconsistentStateException>(() => Journal.AppendAsync(grain, 3, [Line("4")], Snapshot(4, "gap")));

        var read = await Journal.ReadAsync(grain);
        Assert.Null(read.Snapshot);
        Assert.Equal(["1", "2"], read.Entries.Select(Text));
    }

    [Fact]
    public async Task Of_concurrent_appends_at_the_same_version_exactly_one_is_stored()
    {
        var grain = NewGrain();
        await AppendAsync(grain, 0, "first");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await AppendAsync(grain, 1, $"writer-{i}", $"writer-{i}-b");
                return i;
            }
            catch (InconsistentStateException)
            {
                return -1;
            }
        })).ToArray();
        start.SetResult();
        var outcomes = await Task.WhenAll(attempts).WaitAsync(WaitLimit);

        var winner = Assert.Single(outcomes, i => i >= 0);
        Assert.Equal(["first", $"writer-{winner}", $"writer-{winner}-b"], (await Journal.ReadEntriesAsync(grain, 0)).Select(Text));
    }

    [Fact]
    public async Task Journals_of_many_grains_appended_concurrently_stay_separate_and_complete()
    {
        var grains = Enumerable.Range(0, 32).Select(_ => NewGrain()).ToArray();

        await Task.WhenAll(grains.Select(grain => Task.Run(async () =>
        {
            for (var v = 0; v < 10; v++)
            {
                await AppendAsync(grain, v, $"{grain.Key}/{v + 1}");
            }
        }))).WaitAsync(WaitLimit);

        foreach (var grain in grains)
        {
            var read = await Journal.ReadEntriesAsync(grain, 0);
            Assert.Equal(Enumerable.Range(1, 10).Select(v => $"{grain.Key}/{v}"), read.Select(Text));
        }
    }

    [Fact]
    public async Task ListKeys_lists_each_journaled_grain_of_the_type_once()
    {
        var grains = new[] { NewGrain(), NewGrain(), NewGrain() };
        foreach (var grain in grains)
        {
            await AppendAsync(grain, 0, "1", "2");
            await AppendAsync(grain, 2, "3");
        }

        var otherType = GrainId.Create(NewGrain("other").Type, grains[0].Key.ToString()!);
        await AppendAsync(otherType, 0, "1");

        var keys = await Journal.ListKeysAsync(grains[0].Type);

        Assert.Equal(grains.Select(g => g.Key.ToString()).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.Equal([otherType.Key.ToString()], await Journal.ListKeysAsync(otherType.Type));
        Assert.Empty(await Journal.ListKeysAsync(NewGrain("nothing").Type));
    }

    [Fact]
    public async Task Unicode_grain_types_and_keys_round_trip()
    {
        var grain = GrainId.Create($"원장-📒-{_run}", $"상품-🎁-{Guid.NewGuid():N}");
        await AppendAsync(grain, 0, "한 줄 ✓");

        Assert.Equal(["한 줄 ✓"], (await Journal.ReadEntriesAsync(grain, 0)).Select(Text));
        Assert.Equal([grain.Key.ToString()], await Journal.ListKeysAsync(grain.Type));
    }

    [Fact]
    public async Task The_outbox_holds_the_appends_made_to_it_until_they_are_marked_published()
    {
        var grain = NewGrain();
        Assert.Null(await Journal.ReadFirstUnpublishedVersionAsync(grain));

        await Journal.AppendAsync(grain, 0, [Line("a"), Line("b")], snapshot: null, toOutbox: true);
        await Journal.AppendAsync(grain, 2, [Line("c")], Snapshot(3, "abc"), toOutbox: true);
        Assert.Equal(1, await Journal.ReadFirstUnpublishedVersionAsync(grain));

        await Journal.MarkPublishedAsync(grain, 2);
        Assert.Equal(3, await Journal.ReadFirstUnpublishedVersionAsync(grain));
        Assert.Equal(3, (await Journal.ReadAsync(grain)).Snapshot?.Version);

        await Journal.MarkPublishedAsync(grain, 3);
        Assert.Null(await Journal.ReadFirstUnpublishedVersionAsync(grain));

        // Marking again, or beyond, changes nothing; the journal itself is untouched.
        await Journal.MarkPublishedAsync(grain, 10);
        Assert.Equal(["a", "b", "c"], (await Journal.ReadEntriesAsync(grain, 0)).Select(Text));
    }

    [Fact]
    public async Task Marks_made_while_many_grains_append_take_out_only_what_they_name()
    {
        var grains = Enumerable.Range(0, 40).Select(_ => NewGrain("outbox")).ToList();
        foreach (var grain in grains)
        {
            await Journal.AppendAsync(grain, 0, [Line("a")], snapshot: null, toOutbox: true);
        }

        // All at once, so that marks and appends share transactions where the store groups them: every grain appends
        // its second line, every other one is marked published through its first (twice), and a grain that never
        // appended is marked too. None of the marks finds anything to refuse.
        var work = new List<Task>();
        for (var i = 0; i < grains.Count; i++)
        {
            work.Add(Journal.AppendAsync(grains[i], 1, [Line("b")], snapshot: null, toOutbox: true));
            if (i % 2 == 0)
            {
                work.Add(Journal.MarkPublishedAsync(grains[i], 1));
                work.Add(Journal.MarkPublishedAsync(grains[i], 1));
            }
        }

        work.Add(Journal.MarkPublishedAsync(NewGrain("outbox"), 5));
        await Task.WhenAll(work);

        for (var i = 0; i < grains.Count; i++)
        {
            Assert.Equal(i % 2 == 0 ? 2 : 1, await Journal.ReadFirstUnpublishedVersionAsync(grains[i]));
            Assert.Equal(["a", "b"], (await Journal.ReadEntriesAsync(grains[i], 0)).Select(Text));
        }
    }

    [Fact]
    public async Task Appends_not_made_to_the_outbox_and_refused_appends_leave_it_alone()
    {
        var grain = NewGrain();
        await AppendAsync(grain, 0, "a");
        Assert.Null(await Journal.ReadFirstUnpublishedVersionAsync(grain));

        await Journal.AppendAsync(grain, 1, [Line("b")], snapshot: null, toOutbox: true);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Journal.AppendAsync(grain, 0, [Line("stale")], Snapshot(1, "stale"), toOutbox: true));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Journal.AppendAsync(grain, 5, [Line("gap")], snapshot: null, toOutbox: true));

        Assert.Equal(2, await Journal.ReadFirstUnpublishedVersionAsync(grain));
        await Journal.MarkPublishedAsync(grain, 2);
        Assert.Null(await Journal.ReadFirstUnpublishedVersionAsync(grain));
    }

    [Fact]
    public async Task Grains_with_old_unpublished_appends_are_listed_oldest_first()
    {
        var older = NewGrain("outbox");
        var newer = NewGrain("outbox");
        var published = NewGrain("outbox");
        await Journal.AppendAsync(older, 0, [Line("a")], snapshot: null, toOutbox: true);
        await Journal.AppendAsync(published, 0, [Line("a")], snapshot: null, toOutbox: true);
        await Journal.MarkPublishedAsync(published, 1);
        await Task.Delay(20); // distinct recording times, to check the order
        await Journal.AppendAsync(newer, 0, [Line("a")], snapshot: null, toOutbox: true);
        await Journal.AppendAsync(older, 1, [Line("b")], snapshot: null, toOutbox: true);

        var mine = new[] { older, newer, published };
        var listed = (await Journal.ListUnpublishedAsync(DateTimeOffset.UtcNow.AddMinutes(1), 10_000)).Where(mine.Contains).ToList();
        Assert.Equal([older, newer], listed);

        Assert.DoesNotContain(older, await Journal.ListUnpublishedAsync(DateTimeOffset.UtcNow.AddMinutes(-1), 10_000));
    }
}
