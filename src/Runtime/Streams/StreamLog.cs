using Microsoft.Extensions.Logging;

namespace Shop.Runtime.Streams;

internal static partial class StreamLog
{
    [LoggerMessage(100, LogLevel.Warning, "Delivery of event {EventId} to {Consumer} (stream key {StreamKey}) failed on attempt {Attempt}: {Error}")]
    public static partial void DeliveryFailed(ILogger logger, Guid eventId, string consumer, string streamKey, int attempt, string error);

    [LoggerMessage(101, LogLevel.Critical, "Event {EventId} of stream {Namespace}/{StreamKey} failed {Attempts} times in {Consumer} and was dead-lettered as {DeadLetterId}")]
    public static partial void DeadLettered(ILogger logger, Guid eventId, string consumer, string @namespace, string streamKey, int attempts, long deadLetterId, Exception exception);

    [LoggerMessage(102, LogLevel.Error, "Pulling agent {Consumer} on queue {Queue} failed; it retries")]
    public static partial void AgentFailed(ILogger logger, Exception exception, string consumer, int queue);

    [LoggerMessage(103, LogLevel.Information, "Trimmed {Count} delivered events from queue {Queue}")]
    public static partial void Trimmed(ILogger logger, int count, int queue);

    [LoggerMessage(104, LogLevel.Error, "Trimming the stream log failed")]
    public static partial void TrimFailed(ILogger logger, Exception exception);

    [LoggerMessage(105, LogLevel.Information, "Dead letter {Id} replayed to {Consumer}: {Outcome}")]
    public static partial void Replayed(ILogger logger, long id, string consumer, string outcome);
}
