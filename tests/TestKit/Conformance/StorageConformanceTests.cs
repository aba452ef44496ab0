using System.Text;
using System.Text.Json;
using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.TestKit.Conformance;

/// <summary>
/// The behaviour every storage provider must show. A provider's test project derives one class from
/// this and hands it the three interfaces of a working store.
/// </summary>
/// <remarks>
/// The store may be shared by all tests of the derived class and may already hold data (a MySQL test
/// database, say): every test makes up grain types, keys, consumers and queues of its own and never
/// assumes the store is empty, so tests do not depend on each other or on their order.
/// </remarks>
public abstract partial class StorageConformanceTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    /// <summary>A tag unique to this test, put into every identity the test invents.</summary>
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];

    protected abstract IGrainStorage GrainStorage { get; }

    protected abstract IStreamQueueStorage QueueStorage { get; }

    protected abstract IReminderTable Reminders { get; }

    private GrainId NewGrain(string type = "cart") => new($"{type}-{_run}", Guid.NewGuid().ToString("N"));

    private string Unique(string name) => $"{name}-{_run}";

    // Queues are plain ints shared by the whole store, so a test picks one at random; the tests that
    // read a queue also only look past the sequence they found at their start.
    private static int NewQueue() => Random.Shared.Next(1_000_000, int.MaxValue);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);

    // Journal entries are JSON values (see JournalSegment); these are JSON strings.
    private static byte[] Line(string text) => JsonSerializer.SerializeToUtf8Bytes(text);

    private static string LineText(byte[] bytes) => JsonSerializer.Deserialize<string>(bytes) ?? "<null>";

    /// <summary>Now, cut to whole milliseconds: the finest precision the contract asks stores to keep.</summary>
    private static DateTimeOffset NowMs() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private static StateChange Change(GrainId grain, string? eTag, byte[]? payload, string stateName = "state")
        => new(grain, stateName, "Shop.Tests.CartState", eTag, payload);

    private static GrainCommit StatesOnly(params StateChange[] changes) => new(changes, [], []);

    private async Task<string> WriteAsync(GrainId grain, string? eTag, string? payload, string stateName = "state")
    {
        var result = await GrainStorage.CommitAsync(StatesOnly(Change(grain, eTag, payload is null ? null : Bytes(payload), stateName)));
        return Assert.Single(result.ETags);
    }

    private StreamEvent NewEvent(int queue, string payload, DateTimeOffset? createdAt = null, string stream = "orders")
        => new(Guid.NewGuid(), Unique(stream), "stream-key", queue, "OrderPlaced", Bytes(payload), createdAt ?? NowMs());

    /// <summary>Every event of a queue after <paramref name="afterSequence"/>, read in small pages to exercise paging.</summary>
    private async Task<List<QueuedStreamEvent>> ReadWholeQueueAsync(int queue, long afterSequence = 0, int pageSize = 100)
    {
        var all = new List<QueuedStreamEvent>();
        while (true)
        {
            var page = await QueueStorage.ReadQueueAsync(queue, afterSequence, pageSize);
            Assert.True(page.Count <= pageSize, $"ReadQueueAsync returned {page.Count} events for maxCount {pageSize}.");
            Assert.All(page, e => Assert.True(e.Sequence > afterSequence, $"ReadQueueAsync after {afterSequence} returned sequence {e.Sequence}."));
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            afterSequence = page[^1].Sequence;
        }
    }

    private async Task<long> LastSequenceAsync(int queue)
    {
        var events = await ReadWholeQueueAsync(queue, 0, 1000);
        return events.Count == 0 ? 0 : events[^1].Sequence;
    }

    private static void AssertStrictlyIncreasing(IReadOnlyList<QueuedStreamEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].Sequence > events[i - 1].Sequence, $"Sequence {events[i].Sequence} follows {events[i - 1].Sequence}.");
        }
    }
}
