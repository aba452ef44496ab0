using System.Collections.Concurrent;
using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Streaming;

namespace Shop.Providers.Sqlite.Tests.Streams;

[Alias("shop.tests.sqlite.IStreamProducerGrain")]
public interface IStreamProducerGrain : IGrainWithStringKey
{
    /// <summary>Publishes versions <paramref name="from"/>..<paramref name="from"/>+<paramref name="count"/>-1 to the stream (namespace, key), one after the other.</summary>
    Task PublishAsync(string streamNamespace, string streamKey, int from, int count);
}

public sealed class StreamProducerGrain : Grain, IStreamProducerGrain
{
    public async Task PublishAsync(string streamNamespace, string streamKey, int from, int count)
    {
        var stream = this.GetStreamProvider(StreamNames.Provider).GetStream<StreamEvent>(StreamId.Create(streamNamespace, streamKey));
        for (var version = from; version < from + count; version++)
        {
            var source = $"producer/{streamKey}";
            await stream.OnNextAsync(new StreamEvent(StreamEvent.IdOf(source, version), source, version, DateTimeOffset.UtcNow, $"payload {version}"));
        }
    }
}

[Alias("shop.tests.sqlite.IStreamConsumerGrain")]
public interface IStreamConsumerGrain : IGrainWithStringKey;

/// <summary>Records the versions it receives on its implicit stream in <see cref="Received"/>, keyed by stream key.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class StreamConsumerGrain : Grain, IStreamConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<StreamEvent>
{
    public const string Namespace = "sqlite-stream-test";

    public static readonly ConcurrentDictionary<string, ConcurrentQueue<long>> Received = new();

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
        => await handleFactory.Create<StreamEvent>().ResumeAsync(this);

    public Task OnNextAsync(StreamEvent item, StreamSequenceToken? token = null)
    {
        Received.GetOrAdd(this.GetPrimaryKeyString(), _ => new ConcurrentQueue<long>()).Enqueue(item.Version);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public static long[] Of(string key) => Received.TryGetValue(key, out var queue) ? queue.ToArray() : [];
}

/// <summary>An in-memory <see cref="IDeadLetterStore"/> shared by the test silos of the process.</summary>
public sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    public static readonly InMemoryDeadLetterStore Instance = new();

    private readonly ConcurrentQueue<DeadLetter> _letters = new();
    private long _nextId;

    public IReadOnlyList<DeadLetter> All => _letters.ToArray();

    public Task<long> AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        _letters.Enqueue(deadLetter with { Id = id, Status = DeadLetterStatus.Open });
        return Task.FromResult(id);
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterStatus? status, long afterId, int limit, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<DeadLetter>>(_letters.Where(l => (status is null || l.Status == status) && l.Id > afterId).Take(limit).ToList());

    public Task<DeadLetter?> GetAsync(long id, CancellationToken cancellationToken = default)
        => Task.FromResult(_letters.FirstOrDefault(l => l.Id == id));

    public Task<bool> CloseAsync(long id, DeadLetterStatus status, CancellationToken cancellationToken = default)
        => Task.FromResult(false);
}
