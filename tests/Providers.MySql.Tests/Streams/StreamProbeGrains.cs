using System.Collections.Concurrent;
using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Streaming;

namespace Shop.Providers.MySql.Tests.Streams;

[Alias("shop.tests.mysql.IStreamProducerGrain")]
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

[Alias("shop.tests.mysql.IStreamConsumerGrain")]
public interface IStreamConsumerGrain : IGrainWithStringKey;

/// <summary>Records the versions it receives on its implicit stream in <see cref="Received"/>, keyed by stream key.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class StreamConsumerGrain : Grain, IStreamConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<StreamEvent>
{
    public const string Namespace = "mysql-stream-test";

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

