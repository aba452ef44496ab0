using Microsoft.Extensions.Logging;
using Shop.Runtime.Storage;

namespace Shop.Runtime.Streams;

/// <summary>
/// Pulls one queue of the log for one subscription: reads events after the durable checkpoint, delivers
/// them (streams in parallel, each stream in order), then moves the checkpoint past the batch. A crash
/// before the checkpoint write means the batch is delivered again: at-least-once.
/// </summary>
internal sealed class StreamPullingAgent(
    StreamSubscription subscription,
    int queue,
    IStreamQueueStorage storage,
    StreamDelivery delivery,
    StreamQueueSignals signals,
    StreamOptions options,
    ILogger logger)
{
    public string Consumer => subscription.Consumer;

    public int Queue => queue;

    /// <summary>Every event at or below this sequence is handled or dead-lettered.</summary>
    public long Checkpoint { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            Checkpoint = await ReadCheckpointWithRetriesAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var wake = signals.WaitTask(queue);
                var batch = await storage.ReadQueueAsync(queue, Checkpoint, options.BatchSize, cancellationToken);
                if (batch.Count == 0)
                {
                    await Task.WhenAny(wake, Task.Delay(options.PollInterval, cancellationToken));
                    continue;
                }

                await DeliverBatchAsync(batch, cancellationToken);
                var last = batch[^1].Sequence;
                await storage.WriteCheckpointAsync(Consumer, queue, last, cancellationToken);
                Checkpoint = last;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                StreamLog.AgentFailed(logger, exception, Consumer, queue);
                await Task.Delay(options.PollInterval, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task DeliverBatchAsync(IReadOnlyList<QueuedStreamEvent> batch, CancellationToken cancellationToken)
    {
        var streams = batch.Where(e => e.Event.StreamNamespace == subscription.Namespace).GroupBy(e => e.Event.StreamKey);
        await Parallel.ForEachAsync(
            streams,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentStreamsPerQueue, CancellationToken = cancellationToken },
            async (stream, ct) =>
            {
                foreach (var queued in stream)
                {
                    await delivery.DeliverAsync(subscription, queued, firstAttempt: 1, ct);
                }
            });
    }

    private async Task<long> ReadCheckpointWithRetriesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await storage.ReadCheckpointAsync(Consumer, queue, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                StreamLog.AgentFailed(logger, exception, Consumer, queue);
                await Task.Delay(options.PollInterval, cancellationToken);
            }
        }
    }
}
