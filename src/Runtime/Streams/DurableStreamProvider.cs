using Microsoft.Extensions.Options;
using Shop.Runtime.Messaging;

namespace Shop.Runtime.Streams;

/// <summary>The stream provider whose log lives in the default grain store's database.</summary>
internal sealed class DurableStreamProvider(GrainRuntime runtime, IOptions<StreamOptions> options) : IStreamProvider
{
    public string Name => StreamProviderNames.Default;

    public IAsyncStream<T> GetStream<T>(StreamId streamId)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId.Namespace);
        ArgumentException.ThrowIfNullOrEmpty(streamId.Key);
        return new DurableStream<T>(runtime, streamId, StreamQueueMapper.QueueOf(streamId, options.Value.QueueCount));
    }
}
