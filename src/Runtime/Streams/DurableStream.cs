using Shop.Runtime.Activation;
using Shop.Runtime.Messaging;
using Shop.Runtime.Storage;

namespace Shop.Runtime.Streams;

internal sealed class DurableStream<T>(GrainRuntime runtime, StreamId streamId, int queue) : IAsyncStream<T>
{
    public StreamId StreamId { get; } = streamId;

    public Task OnNextAsync(T item) => OnNextBatchAsync([item]);

    public Task OnNextBatchAsync(IEnumerable<T> items)
    {
        var events = items.Select(ToEvent).ToList();
        var outsideTurn = events.Where(e => !ActivationData.TryAddToTurnOutbox(e)).ToList();
        return outsideTurn.Count == 0
            ? Task.CompletedTask
            : runtime.CommitAsync(runtime.GetStorage(StorageNames.Default), GrainCommit.EventsOnly(outsideTurn));
    }

    private StreamEvent ToEvent(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new StreamEvent(Guid.NewGuid(), StreamId.Namespace, StreamId.Key, queue, item.GetType().Name,
            StreamEventSerializer.Serialize(item), DateTimeOffset.UtcNow);
    }
}
