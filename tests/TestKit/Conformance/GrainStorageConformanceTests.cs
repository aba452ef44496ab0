using System.Text;
using Orleans.Storage;

namespace Shop.TestKit.Conformance;

/// <summary>
/// What every Orleans <see cref="IGrainStorage"/> provider of this project must do: read, write and clear
/// with ETags, refuse stale writers, and keep large and unicode states exactly. A provider's test project
/// derives one class and implements <see cref="CreateGrainStorageAsync"/>.
/// </summary>
/// <remarks>
/// The storage may be shared by all tests of the derived class and may already hold data (a MariaDB test
/// database, say): every test invents grain types and keys of its own and never assumes an empty store,
/// so tests do not depend on each other or on their order.
/// </remarks>
public abstract class GrainStorageConformanceTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    /// <summary>A tag unique to this test, put into every grain type the test invents.</summary>
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];

    private IGrainStorage? _storage;

    /// <summary>The provider under test, from <see cref="CreateGrainStorageAsync"/>.</summary>
    protected IGrainStorage Storage => _storage ?? throw new InvalidOperationException("The storage is created in InitializeAsync.");

    /// <summary>Creates (or hands out a shared) provider under test; called before every test.</summary>
    protected abstract Task<IGrainStorage> CreateGrainStorageAsync();

    /// <summary>Releases what <see cref="CreateGrainStorageAsync"/> made for one test; called after every test. Default: nothing.</summary>
    protected virtual Task DisposeGrainStorageAsync(IGrainStorage storage) => Task.CompletedTask;

    public async Task InitializeAsync() => _storage = await CreateGrainStorageAsync();

    public async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await DisposeGrainStorageAsync(_storage);
        }
    }

    private GrainId NewGrain(string type = "cart") => GrainId.Create($"{type}-{_run}", Guid.NewGuid().ToString("N"));

    private static GrainState<ConformanceState> State(string text, string? eTag = null, int counter = 0)
        => new(new ConformanceState { Text = text, Counter = counter, Items = [text] }, eTag);

    private async Task<GrainState<ConformanceState>> ReadAsync(GrainId grain, string stateName = "state")
    {
        var state = new GrainState<ConformanceState>(new ConformanceState());
        await Storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    /// <summary>Writes <paramref name="text"/> presenting <paramref name="eTag"/>; returns the new ETag.</summary>
    private async Task<string> WriteAsync(GrainId grain, string? eTag, string text, string stateName = "state")
    {
        var state = State(text, eTag);
        await Storage.WriteStateAsync(stateName, grain, state);
        Assert.True(state.RecordExists, "A successful write must set RecordExists.");
        Assert.NotNull(state.ETag);
        return state.ETag;
    }

    [Fact]
    public async Task A_state_never_written_reads_as_no_record_without_an_etag()
    {
        var read = await ReadAsync(NewGrain());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Equal("", read.State!.Text);
    }

    [Fact]
    public async Task A_write_reads_back_with_its_state_and_etag()
    {
        var grain = NewGrain();
        var written = State("첫 번째", counter: 7);
        await Storage.WriteStateAsync("state", grain, written);

        var read = await ReadAsync(grain);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("첫 번째", read.State!.Text);
        Assert.Equal(7, read.State!.Counter);
        Assert.Equal(["첫 번째"], read.State!.Items);
        Assert.False((await ReadAsync(grain, "other-state")).RecordExists);
        Assert.False((await ReadAsync(NewGrain())).RecordExists);
    }

    [Fact]
    public async Task The_etag_changes_on_every_write_and_reads_return_the_latest()
    {
        var grain = NewGrain();
        var eTags = new List<string> { await WriteAsync(grain, null, "v1") };
        for (var i = 2; i <= 5; i++)
        {
            eTags.Add(await WriteAsync(grain, eTags[^1], $"v{i}"));
            var read = await ReadAsync(grain);
            Assert.Equal(eTags[^1], read.ETag);
            Assert.Equal($"v{i}", read.State!.Text);
        }

        Assert.Equal(eTags.Count, eTags.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_stale_etag_conflicts_and_leaves_the_state_unchanged()
    {
        var grain = NewGrain();
        var first = await WriteAsync(grain, null, "v1");
        var second = await WriteAsync(grain, first, "v2");

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, first, "stale"));

        var read = await ReadAsync(grain);
        Assert.Equal(second, read.ETag);
        Assert.Equal("v2", read.State!.Text);
    }

    [Fact]
    public async Task Writing_without_an_etag_when_the_state_exists_conflicts()
    {
        var grain = NewGrain();
        var eTag = await WriteAsync(grain, null, "first");

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, null, "second"));

        var read = await ReadAsync(grain);
        Assert.Equal(eTag, read.ETag);
        Assert.Equal("first", read.State!.Text);
    }

    [Fact]
    public async Task An_etag_the_store_never_issued_conflicts()
    {
        var grain = NewGrain();
        var eTag = await WriteAsync(grain, null, "v1");

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, "not-an-etag", "x"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, eTag + "0", "x"));
        // The same number in another form ("01", " 1", "+1") was not issued either.
        foreach (var lookalike in new[] { "0" + eTag, " " + eTag, "+" + eTag })
        {
            await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, lookalike, "x"));
        }

        // Presenting an ETag for a state that does not exist is a conflict, not an insert.
        var missing = NewGrain();
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(missing, eTag, "x"));

        var read = await ReadAsync(grain);
        Assert.Equal(eTag, read.ETag);
        Assert.Equal("v1", read.State!.Text);
        Assert.False((await ReadAsync(missing)).RecordExists);
    }

    [Fact]
    public async Task A_clear_removes_the_state_and_a_pre_clear_etag_then_conflicts()
    {
        var grain = NewGrain();
        var written = await WriteAsync(grain, null, "v1");
        var clearing = State("v1", written);

        await Storage.ClearStateAsync("state", grain, clearing);

        Assert.False(clearing.RecordExists);
        Assert.NotEqual(written, clearing.ETag);
        var read = await ReadAsync(grain);
        Assert.False(read.RecordExists);
        Assert.Equal("", read.State!.Text);

        // An activation that still holds the ETag from before the clear must not resurrect the state.
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, written, "stale writer"));
        Assert.False((await ReadAsync(grain)).RecordExists);

        // The clearing activation, and one that read after the clear, continue with the ETags they hold.
        var rewritten = await WriteAsync(grain, clearing.ETag, "v2");
        Assert.NotEqual(written, rewritten);
        var reread = await ReadAsync(grain);
        Assert.True(reread.RecordExists);
        Assert.Equal(rewritten, reread.ETag);
        Assert.Equal("v2", reread.State!.Text);
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, read.ETag, "read before the rewrite"));
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_conflicts_and_keeps_the_state()
    {
        var grain = NewGrain();
        var first = await WriteAsync(grain, null, "v1");
        var second = await WriteAsync(grain, first, "v2");

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("state", grain, State("v1", first)));

        var read = await ReadAsync(grain);
        Assert.True(read.RecordExists);
        Assert.Equal(second, read.ETag);
        Assert.Equal("v2", read.State!.Text);
    }

    [Fact]
    public async Task A_state_read_after_a_clear_can_be_written_again()
    {
        var grain = NewGrain();
        var written = await WriteAsync(grain, null, "v1");
        await Storage.ClearStateAsync("state", grain, State("v1", written));

        var read = await ReadAsync(grain);
        read.State!.Text = "after clear";
        await Storage.WriteStateAsync("state", grain, read);

        var reread = await ReadAsync(grain);
        Assert.True(reread.RecordExists);
        Assert.Equal(read.ETag, reread.ETag);
        Assert.Equal("after clear", reread.State!.Text);
    }

    [Fact]
    public async Task States_are_keyed_by_grain_type_key_and_state_name()
    {
        var grain = NewGrain();
        var sameKeyOtherType = GrainId.Create(NewGrain("order").Type, grain.Key);
        await WriteAsync(grain, null, "cart", "state");
        await WriteAsync(grain, null, "cart-audit", "audit");
        await WriteAsync(sameKeyOtherType, null, "order", "state");

        Assert.Equal("cart", (await ReadAsync(grain, "state")).State!.Text);
        Assert.Equal("cart-audit", (await ReadAsync(grain, "audit")).State!.Text);
        Assert.Equal("order", (await ReadAsync(sameKeyOtherType, "state")).State!.Text);
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
        var read = await ReadAsync(grain);
        Assert.Equal(winner.ETag, read.ETag);
        Assert.Equal($"writer-{winner.Writer}", read.State!.Text);
    }

    [Fact]
    public async Task Concurrent_writers_to_many_grains_all_succeed_and_each_grain_keeps_its_last_write()
    {
        const int grains = 64;
        const int writesPerGrain = 5;
        var ids = Enumerable.Range(0, grains).Select(_ => NewGrain()).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each grain is one writer chaining its own ETags, as an activation does; the grains race each other.
        var chains = ids.Select(grain => Task.Run(async () =>
        {
            await start.Task;
            string? eTag = null;
            for (var i = 0; i < writesPerGrain; i++)
            {
                eTag = await WriteAsync(grain, eTag, $"{grain.Key}/{i}");
            }

            return eTag;
        })).ToArray();
        start.SetResult();
        var lastETags = await Task.WhenAll(chains).WaitAsync(WaitLimit);

        for (var i = 0; i < grains; i++)
        {
            var read = await ReadAsync(ids[i]);
            Assert.Equal(lastETags[i], read.ETag);
            Assert.Equal($"{ids[i].Key}/{writesPerGrain - 1}", read.State!.Text);
        }
    }

    [Fact]
    public async Task A_state_of_several_megabytes_round_trips_and_can_be_overwritten()
    {
        var grain = NewGrain();
        var random = new Random(42);
        var big = new ConformanceState
        {
            Text = new string('가', 1_000_000) + "-end",
            Items = Enumerable.Range(0, 20_000).Select(i => $"item-{i}-{random.Next():x8}").ToList(),
        };
        var state = new GrainState<ConformanceState>(big);
        await Storage.WriteStateAsync("state", grain, state);
        Assert.True(Encoding.UTF8.GetByteCount(big.Text) > 3_000_000);

        var read = await ReadAsync(grain);
        Assert.Equal(big.Text, read.State!.Text);
        Assert.Equal(big.Items, read.State!.Items);

        read.State!.Text = "x" + read.State!.Text[1..];
        read.State!.Items.Add("one more");
        await Storage.WriteStateAsync("state", grain, read);
        var reread = await ReadAsync(grain);
        Assert.Equal(read.State!.Text, reread.State!.Text);
        Assert.Equal(20_001, reread.State!.Items.Count);
        Assert.Equal(read.ETag, reread.ETag);
    }

    [Fact]
    public async Task Unicode_in_types_keys_state_names_and_states_round_trips()
    {
        var grain = GrainId.Create($"장바구니-🛒-{_run}", $"고객-😀-{Guid.NewGuid():N}");
        const string stateName = "상태✨";
        const string text = "김민지 👩🏽‍💻 감사합니다 🙏 — ñ ü 中文 \"quoted\" \\ \u0000 \u2028";

        await WriteAsync(grain, null, text, stateName);

        var read = await ReadAsync(grain, stateName);
        Assert.True(read.RecordExists);
        Assert.Equal(text, read.State!.Text);
        Assert.Equal([text], read.State!.Items);
    }

    [Fact]
    public async Task Keys_are_compared_ordinally()
    {
        // Grain keys are ordinal strings: case, Unicode normalization and trailing spaces all make another grain.
        var grain = GrainId.Create(NewGrain().Type, $"Key-한글-{Guid.NewGuid():N}");
        await WriteAsync(grain, null, "original");
        var key = grain.Key.ToString()!;

        // "한글" spelled with conjoining jamo (NFD) instead of precomposed syllables: canonically equivalent, not equal.
        var decomposed = key.Replace("한글", "\u1112\u1161\u11AB\u1100\u1173\u11AF", StringComparison.Ordinal);
        foreach (var lookalike in new[] { key.ToUpperInvariant(), decomposed, key + " " })
        {
            Assert.NotEqual(key, lookalike);
            var other = GrainId.Create(grain.Type, lookalike);
            Assert.False((await ReadAsync(other)).RecordExists);
            await WriteAsync(other, null, lookalike);
        }

        Assert.Equal("original", (await ReadAsync(grain)).State!.Text);
    }
}
