using Shop.Streaming;

namespace Shop.TestKit.Conformance;

/// <summary>
/// What every <see cref="IDeadLetterStore"/> must do, whatever the database: letters come back as stored, are listed
/// by status in id order, and close exactly once.
/// </summary>
public abstract class DeadLetterStoreConformanceTests : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];

    private IDeadLetterStore? _store;

    protected IDeadLetterStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected abstract Task<IDeadLetterStore> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private DeadLetter Letter(string eventId, bool raw = false) => new(
        0, eventId, "events", $"ns-{_run}", $"키-{_run}", "Shop.Some.Event", [1, 2, 3, 0, 255], raw,
        $"consumer/{_run}", "System.InvalidOperationException: 실패 ✗\n   at Handler()", 3,
        new DateTimeOffset(2026, 12, 1, 10, 0, 0, 123, TimeSpan.Zero), DeadLetterStatus.Discarded);

    [Fact]
    public async Task A_letter_comes_back_as_stored_and_open()
    {
        var letter = Letter($"evt-{_run}@1");

        var id = await Store.AddAsync(letter);
        var read = await Store.GetAsync(id);

        Assert.NotNull(read);
        Assert.Equal(letter with { Id = id, Status = DeadLetterStatus.Open, Payload = read!.Payload }, read);
        Assert.Equal(letter.Payload, read.Payload);
        Assert.Null(await Store.GetAsync(id + 1_000_000));
    }

    [Fact]
    public async Task An_unreadable_message_is_kept_without_an_event_id_or_stream()
    {
        var id = await Store.AddAsync(Letter("x") with { EventId = null, StreamNamespace = null, StreamKey = null, PayloadIsRaw = true });

        var read = await Store.GetAsync(id);

        Assert.Null(read!.EventId);
        Assert.Null(read.StreamNamespace);
        Assert.True(read.PayloadIsRaw);
    }

    [Fact]
    public async Task Letters_are_listed_by_status_in_id_order_and_close_once()
    {
        var ids = new List<long>();
        for (var i = 1; i <= 4; i++)
        {
            ids.Add(await Store.AddAsync(Letter($"evt-{_run}@{i}")));
        }

        Assert.True(ids.SequenceEqual(ids.Order()));
        Assert.True(await Store.CloseAsync(ids[1], DeadLetterStatus.Replayed));
        Assert.True(await Store.CloseAsync(ids[2], DeadLetterStatus.Discarded));
        Assert.False(await Store.CloseAsync(ids[1], DeadLetterStatus.Discarded));
        Assert.False(await Store.CloseAsync(ids[2], DeadLetterStatus.Replayed));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CloseAsync(ids[0], DeadLetterStatus.Open));

        var open = (await Store.ListAsync(DeadLetterStatus.Open, ids[0] - 1, 100)).Where(l => ids.Contains(l.Id)).Select(l => l.Id);
        Assert.Equal([ids[0], ids[3]], open);
        Assert.Equal(DeadLetterStatus.Replayed, (await Store.GetAsync(ids[1]))!.Status);

        var all = (await Store.ListAsync(null, ids[0] - 1, 100)).Where(l => ids.Contains(l.Id)).Select(l => l.Id);
        Assert.Equal(ids, all);

        var page = await Store.ListAsync(null, ids[0], 2);
        Assert.Equal([ids[1], ids[2]], page.Select(l => l.Id));
    }
}
