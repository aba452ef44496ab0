using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Shop.Streaming;

/// <summary>
/// What every stream consumer does around its handler: skip an event it already handled, retry a failing
/// handler with backoff, and after the last attempt record the event as a dead letter (with its error, attempts
/// and stream) so that the events behind it go on. Every event handled or dead-lettered is counted in
/// <see cref="StreamActivity"/> for the operations page. Resolve it from the grain's services.
/// </summary>
public sealed class EventHandling(
    IDeadLetterStore deadLetters,
    StreamActivity activity,
    Serializer serializer,
    IOptions<EventHandlingOptions> options,
    TimeProvider time,
    ILogger<EventHandling> logger)
{
    /// <summary>
    /// Handles <paramref name="streamEvent"/> once. The event's id is in <paramref name="handled"/> while
    /// <paramref name="handle"/> runs, so the handler writes it with the state it changes; when the handler fails,
    /// the id is taken out again, <paramref name="reset"/> (if given) restores the state, and the handler is tried
    /// again. Returns how it ended.
    /// </summary>
    public async Task<HandlingOutcome> HandleAsync(
        StreamEvent streamEvent,
        StreamId streamId,
        string consumer,
        HandledEvents handled,
        Func<StreamEvent, Task> handle,
        Func<Task>? reset = null)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        ArgumentNullException.ThrowIfNull(handled);
        ArgumentNullException.ThrowIfNull(handle);
        if (handled.Contains(streamEvent))
        {
            StreamingLog.Duplicate(logger, streamEvent.EventId, consumer);
            return HandlingOutcome.Duplicate;
        }

        var settings = options.Value;
        var delay = settings.FirstRetryDelay;
        var failures = 0;
        long? clusterChangingSince = null;
        for (var attempt = 1; ; attempt++)
        {
            handled.Add(streamEvent);
            try
            {
                await handle(streamEvent);
                activity.Handled(streamId, streamEvent);
                return HandlingOutcome.Handled;
            }
            catch (Exception exception)
            {
                handled.Remove(streamEvent);
                if (reset is not null)
                {
                    await reset();
                }

                // Real time, like the retry pauses: the patience is about how long failure detection takes, not the grains' clock.
                if (TransientClusterFailure.Is(exception)
                    && Stopwatch.GetElapsedTime(clusterChangingSince ??= Stopwatch.GetTimestamp()) < settings.ClusterChangePatience)
                {
                    // Not the event's fault: tried again at a steady pace until the cluster has settled.
                    StreamingLog.WaitingForCluster(logger, streamEvent.EventId, consumer, attempt, TransientClusterFailure.Describe(exception));
                    await Task.Delay(settings.FirstRetryDelay);
                    continue;
                }

                if (++failures >= settings.MaxAttempts)
                {
                    await DeadLetterAsync(streamEvent, streamId, consumer, exception, attempt);

                    // Taken off the queue too, and its lag (retries included) is how long it held the stream up.
                    activity.Handled(streamId, streamEvent);
                    return HandlingOutcome.DeadLettered;
                }

                StreamingLog.Retrying(logger, streamEvent.EventId, consumer, attempt, delay, exception);
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks((long)(delay.Ticks * settings.BackoffFactor));
            }
        }
    }

    private async Task DeadLetterAsync(StreamEvent streamEvent, StreamId streamId, string consumer, Exception exception, int attempts)
    {
        var id = await deadLetters.AddAsync(new DeadLetter(
            0,
            streamEvent.EventId,
            StreamNames.Provider,
            streamId.GetNamespace(),
            streamId.GetKeyAsString(),
            streamEvent.PayloadType,
            serializer.SerializeToArray(streamEvent),
            PayloadIsRaw: false,
            consumer,
            exception.ToString(),
            attempts,
            time.GetUtcNow(),
            DeadLetterStatus.Open));
        StreamingLog.DeadLettered(logger, streamEvent.EventId, consumer, attempts, id, exception);
    }
}

public enum HandlingOutcome
{
    Handled,
    Duplicate,
    DeadLettered,
}
