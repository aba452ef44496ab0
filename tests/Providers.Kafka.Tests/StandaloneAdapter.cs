using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Shop.Streaming;

namespace Shop.Providers.Kafka.Tests;

/// <summary>A Kafka queue adapter with its own service provider.</summary>
public sealed class StandaloneAdapter(ServiceProvider services, KafkaQueueAdapterFactory factory, IQueueAdapter adapter) : IAsyncDisposable
{
    public IQueueAdapter Adapter => adapter;

    public KafkaStreamQueueMapper Mapper => (KafkaStreamQueueMapper)factory.GetStreamQueueMapper();

    public Task PublishAsync(StreamId streamId, params StreamEvent[] events) =>
        adapter.QueueMessageBatchAsync(streamId, events, null, null);

    public async ValueTask DisposeAsync()
    {
        factory.Dispose();
        await services.DisposeAsync();
    }
}
