using System.Collections.Concurrent;
using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Streaming;

namespace Shop.StreamingProbes;

/// <summary>Publishes numbered events to any stream, without the journal or event handling of <see cref="ProbeProducerGrain"/>: what the stream providers' own tests send.</summary>
[Alias("shop.tests.IStreamPublisherGrain")]
public interface IStreamPublisherGrain : IGrainWithStringKey
{
    /// <summary>Publishes versions <paramref name="from"/>..<paramref name="from"/>+<paramref name="count"/>-1 to the stream (namespace, key), one after the other.</summary>
    Task PublishAsync(string streamNamespace, string streamKey, int from, int count);
}

public sealed class StreamPublisherGrain : Grain, IStreamPublisherGrain
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

[Alias("shop.tests.IStreamRecorderGrain")]
public interface IStreamRecorderGrain : IGrainWithStringKey;

/// <summary>Records, in memory, the versions it receives on its implicit stream in <see cref="Received"/>, keyed by stream key.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class StreamRecorderGrain : Grain, IStreamRecorderGrain, IStreamSubscriptionObserver, IAsyncObserver<StreamEvent>
{
    public const string Namespace = "recorded-stream-test";

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

