using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.TestKit.Conformance;

public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task ReadState_of_a_row_never_written_is_null()
    {
        Assert.Null(await GrainStorage.ReadStateAsync(NewGrain(), "state"));
    }

    [Fact]
    public async Task Write_then_read_round_trips_payload_and_etag()
    {
        var grain = NewGrain();
        var eTag = await WriteAsync(grain, null, "{\"items\":3}");

        var stored = await GrainStorage.ReadStateAsync(grain, "state");

        Assert.NotNull(stored);
        Assert.Equal(eTag, stored.ETag);
        Assert.Equal("{\"items\":3}", Text(stored.Payload));
        Assert.Null(await GrainStorage.ReadStateAsync(grain, "other-state"));
        Assert.Null(await GrainStorage.ReadStateAsync(NewGrain(), "state"));
    }

    [Fact]
    public async Task An_empty_payload_reads_back_as_empty_not_as_cleared()
    {
        var grain = NewGrain();
        await WriteAsync(grain, null, "");

        var stored = await GrainStorage.ReadStateAsync(grain, "state");

        Assert.NotNull(stored);
        Assert.NotNull(stored.Payload);
        Assert.Empty(stored.Payload);
    }

    [Fact]
    public async Task The_etag_changes_on_every_write_and_reads_return_the_latest()
    {
        var grain = NewGrain();
        var eTags = new List<string> { await WriteAsync(grain, null, "v1") };
        for (var i = 2; i <= 4; i++)
        {
            eTags.Add(await WriteAsync(grain, eTags[^1], $"v{i}"));
            var stored = await GrainStorage.ReadStateAsync(grain, "state");
            Assert.NotNull(stored);
            Assert.Equal(eTags[^1], stored.ETag);
            Assert.Equal($"v{i}", Text(stored.Payload));
        }

        Assert.Equal(eTags.Count, eTags.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_stale_etag_conflicts_and_leaves_the_row_unchanged()
    {
        var grain = NewGrain();
        var first = await WriteAsync(grain, null, "v1");
        var second = await WriteAsync(grain, first, "v2");

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, first, "stale"));

        var stored = await GrainStorage.ReadStateAsync(grain, "state");
        Assert.NotNull(stored);
        Assert.Equal(second, stored.ETag);
        Assert.Equal("v2", Text(stored.Payload));
        // Providers need not fill these in, but what they do fill in must be right.
        Assert.True(conflict.StoredETag is null || conflict.StoredETag == second, $"StoredETag {conflict.StoredETag}");
        Assert.True(conflict.CurrentETag is null || conflict.CurrentETag == first, $"CurrentETag {conflict.CurrentETag}");
    }

    [Fact]
    public async Task An_etag_the_store_never_issued_conflicts()
    {
        var grain = NewGrain();
        var eTag = await WriteAsync(grain, null, "v1");

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, "not-an-etag", "x"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, eTag + "0", "x"));
        // Presenting an ETag for a row that does not exist is a conflict, not an insert.
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(NewGrain(), eTag, "x"));

        var stored = await GrainStorage.ReadStateAsync(grain, "state");
        Assert.NotNull(stored);
        Assert.Equal(eTag, stored.ETag);
        Assert.Equal("v1", Text(stored.Payload));
    }

    [Fact]
    public async Task Inserting_when_the_row_exists_conflicts()
    {
        var grain = NewGrain();
        var eTag = await WriteAsync(grain, null, "first");

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, null, "second"));

        var stored = await GrainStorage.ReadStateAsync(grain, "state");
        Assert.NotNull(stored);
        Assert.Equal(eTag, stored.ETag);
        Assert.Equal("first", Text(stored.Payload));
    }

    [Fact]
    public async Task Clearing_keeps_the_row_and_a_pre_clear_etag_still_conflicts()
    {
        var grain = NewGrain();
        var written = await WriteAsync(grain, null, "v1");

        var cleared = await WriteAsync(grain, written, null);

        Assert.NotEqual(written, cleared);
        var stored = await GrainStorage.ReadStateAsync(grain, "state");
        Assert.NotNull(stored);
        Assert.Equal(cleared, stored.ETag);
        Assert.Null(stored.Payload);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, written, "stale writer"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, null, "fresh insert"));

        var rewritten = await WriteAsync(grain, cleared, "v2");
        Assert.NotEqual(written, rewritten);
        Assert.NotEqual(cleared, rewritten);
        stored = await GrainStorage.ReadStateAsync(grain, "state");
        Assert.NotNull(stored);
        Assert.Equal(rewritten, stored.ETag);
        Assert.Equal("v2", Text(stored.Payload));
    }

    [Fact]
    public async Task States_are_keyed_by_grain_type_key_and_state_name()
    {
        var grain = NewGrain();
        var sameKeyOtherType = new GrainId(NewGrain("order").Type, grain.Key);
        await WriteAsync(grain, null, "cart", "state");
        await WriteAsync(grain, null, "cart-audit", "audit");
        await WriteAsync(sameKeyOtherType, null, "order", "state");

        Assert.Equal("cart", Text((await GrainStorage.ReadStateAsync(grain, "state"))?.Payload));
        Assert.Equal("cart-audit", Text((await GrainStorage.ReadStateAsync(grain, "audit"))?.Payload));
        Assert.Equal("order", Text((await GrainStorage.ReadStateAsync(sameKeyOtherType, "state"))?.Payload));
    }

    [Fact]
    public async Task Commit_returns_the_new_etags_in_the_order_of_the_state_changes()
    {
        var a = NewGrain();
        var b = NewGrain();
        var bFirst = await WriteAsync(b, null, "b1");

        var result = await GrainStorage.CommitAsync(StatesOnly(Change(b, bFirst, Bytes("b2")), Change(a, null, Bytes("a1"))));

        Assert.Equal(2, result.ETags.Count);
        Assert.Equal(result.ETags[0], (await GrainStorage.ReadStateAsync(b, "state"))?.ETag);
        Assert.Equal(result.ETags[1], (await GrainStorage.ReadStateAsync(a, "state"))?.ETag);
    }

    [Fact]
    public async Task Of_concurrent_writers_presenting_the_same_etag_exactly_one_wins()
    {
        const int writers = 16;
        var grain = NewGrain();
        var eTag = await WriteAsync(grain, null, "initial");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                return (Writer: i, ETag: (string?)await WriteAsync(grain, eTag, $"writer-{i}"));
            }
            catch (InconsistentStateException)
            {
                return (Writer: i, ETag: (string?)null);
            }
        })).ToArray();
        start.SetResult();
        var outcomes = await Task.WhenAll(attempts).WaitAsync(WaitLimit);

        var winner = Assert.Single(outcomes, outcome => outcome.ETag is not null);
        var stored = await GrainStorage.ReadStateAsync(grain, "state");
        Assert.NotNull(stored);
        Assert.Equal(winner.ETag, stored.ETag);
        Assert.Equal($"writer-{winner.Writer}", Text(stored.Payload));
    }

    [Fact]
    public async Task A_large_state_round_trips()
    {
        var grain = NewGrain();
        var payload = new byte[4 * 1024 * 1024 + 17];
        new Random(42).NextBytes(payload);

        var eTag = Assert.Single((await GrainStorage.CommitAsync(StatesOnly(Change(grain, null, payload)))).ETags);
        var stored = await GrainStorage.ReadStateAsync(grain, "state");
        Assert.NotNull(stored);
        Assert.Equal(payload, stored.Payload);

        payload[0] ^= 0xFF;
        payload[^1] ^= 0xFF;
        await GrainStorage.CommitAsync(StatesOnly(Change(grain, eTag, payload)));
        stored = await GrainStorage.ReadStateAsync(grain, "state");
        Assert.NotNull(stored);
        Assert.Equal(payload, stored.Payload);
    }

    [Fact]
    public async Task Keys_are_compared_ordinally()
    {
        // Grain keys are ordinal strings: case, Unicode normalization and trailing spaces all make another grain.
        var grain = new GrainId(NewGrain().Type, $"Key-한글-{Guid.NewGuid():N}");
        await WriteAsync(grain, null, "original");

        // "한글" spelled with conjoining jamo (NFD) instead of precomposed syllables: canonically equivalent, not equal.
        var decomposed = grain.Key.Replace("한글", "\u1112\u1161\u11AB\u1100\u1173\u11AF", StringComparison.Ordinal);
        foreach (var lookalike in new[] { grain.Key.ToUpperInvariant(), decomposed, grain.Key + " " })
        {
            Assert.NotEqual(grain.Key, lookalike);
            var other = new GrainId(grain.Type, lookalike);
            Assert.Null(await GrainStorage.ReadStateAsync(other, "state"));
            await WriteAsync(other, null, lookalike);
        }

        Assert.Equal("original", Text((await GrainStorage.ReadStateAsync(grain, "state"))?.Payload));
    }

    [Fact]
    public async Task Unicode_in_keys_and_payloads_round_trips()
    {
        var grain = new GrainId($"장바구니-🛒-{_run}", $"고객-😀-{Guid.NewGuid():N}");
        const string stateName = "상태✨";
        const string payload = "{\"name\":\"김민지 👩🏽‍💻\",\"note\":\"감사합니다 🙏 — ñ ü 中文\"}";

        await WriteAsync(grain, null, payload, stateName);

        var stored = await GrainStorage.ReadStateAsync(grain, stateName);
        Assert.NotNull(stored);
        Assert.Equal(payload, Text(stored.Payload));

        var queue = NewQueue();
        var streamEvent = new StreamEvent(Guid.NewGuid(), $"주문-📦-{_run}", "키-🔑", queue, "주문됨🎉", Bytes(payload), NowMs());
        await GrainStorage.CommitAsync(new GrainCommit([], [new JournalAppend(grain, 1, [Line("원장 📒")])], [streamEvent]));

        Assert.Equal("원장 📒", LineText(Assert.Single(await GrainStorage.ReadJournalAsync(grain, 0)).Payload));
        Assert.Equal([grain.Key], await GrainStorage.ListJournaledKeysAsync(grain.Type));
        var read = Assert.Single(await QueueStorage.ReadQueueAsync(queue, 0, 10)).Event;
        Assert.Equal(streamEvent.StreamNamespace, read.StreamNamespace);
        Assert.Equal(streamEvent.StreamKey, read.StreamKey);
        Assert.Equal(streamEvent.EventType, read.EventType);
        Assert.Equal(payload, Text(read.Payload));

        var consumer = $"소비자-🍜-{_run}";
        await QueueStorage.WriteCheckpointAsync(consumer, queue, 1);
        Assert.Equal(1, await QueueStorage.ReadCheckpointAsync(consumer, queue));

        const string reminderName = "알림-⏰";
        await Reminders.UpsertAsync(grain, reminderName, NowMs(), TimeSpan.FromMinutes(1));
        Assert.Equal(reminderName, (await Reminders.ReadAsync(grain, reminderName))?.Name);
    }
}
