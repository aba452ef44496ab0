using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Runtime.Diagnostics;
using Shop.Runtime.Messaging;
using Shop.Runtime.Storage;

namespace Shop.Runtime.Streams;

/// <summary>
/// Delivers one event to one subscription until its handler returns, retrying with exponential backoff;
/// after the last attempt the event is parked in the dead-letter table and the stream moves on.
/// </summary>
internal sealed class StreamDelivery(GrainRuntime runtime, IStreamQueueStorage queues, IOptions<StreamOptions> options, ILogger<StreamDelivery> logger)
{
    private readonly StreamOptions _options = options.Value;

    /// <summary>Delivers with retries; true when handled, false when dead-lettered.</summary>
    public async Task<bool> DeliverAsync(StreamSubscription subscription, QueuedStreamEvent queued, int firstAttempt, CancellationToken cancellationToken)
    {
        Exception? lastError = null;
        var attempt = firstAttempt;
        for (var tries = 1; tries <= _options.MaxDeliveryAttempts; tries++, attempt++)
        {
            try
            {
                await DeliverOnceAsync(subscription, queued, attempt);
                return true;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = exception;
                StreamLog.DeliveryFailed(logger, queued.Event.EventId, subscription.Consumer, queued.Event.StreamKey, attempt, exception.Message);
                if (tries < _options.MaxDeliveryAttempts)
                {
                    await Task.Delay(RetryDelay(tries), cancellationToken);
                }
            }
        }

        var deadLetter = new DeadLetter(0, subscription.Consumer, queued.Event, Describe(lastError!), attempt - 1, DateTimeOffset.UtcNow);
        var id = await queues.AddDeadLetterAsync(deadLetter, cancellationToken);
        StreamLog.DeadLettered(logger, queued.Event.EventId, subscription.Consumer, queued.Event.StreamNamespace, queued.Event.StreamKey, attempt - 1, id, lastError!);
        return false;
    }

    internal TimeSpan RetryDelay(int failedTries)
    {
        var delay = _options.InitialRetryDelay * Math.Pow(2, failedTries - 1);
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private async Task DeliverOnceAsync(StreamSubscription subscription, QueuedStreamEvent queued, int attempt)
    {
        var e = queued.Event;
        var item = StreamEventSerializer.Deserialize(e.Payload, subscription.EventType);
        var context = new StreamEventContext(e.EventId, new StreamId(e.StreamNamespace, e.StreamKey),
            new StreamSequenceToken(e.Queue, queued.Sequence), attempt, e.CreatedAt);
        var timeout = runtime.Options.ResponseTimeout;
        var request = new StreamDeliveryRequest(subscription, item, context, GrainRequest.TimestampAfter(timeout));
        runtime.Catalog.Dispatch(new GrainId(subscription.GrainClass.TypeName, e.StreamKey), request);
        await request.Completion.WaitAsync(timeout);
    }

    private static string Describe(Exception exception) => $"{exception.GetType().FullName}: {exception.Message}";
}
