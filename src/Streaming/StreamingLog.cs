using Microsoft.Extensions.Logging;

namespace Shop.Streaming;

internal static partial class StreamingLog
{
    [LoggerMessage(1, LogLevel.Debug, "Event {EventId} was already handled by {Consumer}; skipped")]
    public static partial void Duplicate(ILogger logger, string eventId, string consumer);

    [LoggerMessage(2, LogLevel.Warning, "Event {EventId} failed in {Consumer} (attempt {Attempt}); trying again in {Delay}")]
    public static partial void Retrying(ILogger logger, string eventId, string consumer, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "Event {EventId} in {Consumer}: the cluster changed under attempt {Attempt} ({Reason}); trying again once it settles")]
    public static partial void WaitingForCluster(ILogger logger, string eventId, string consumer, int attempt, string reason);

    [LoggerMessage(3, LogLevel.Error, "Event {EventId} failed in {Consumer} after {Attempts} attempts; dead letter {DeadLetterId}")]
    public static partial void DeadLettered(ILogger logger, string eventId, string consumer, int attempts, long deadLetterId, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "Delivery to subscription {SubscriptionId} on {Provider}/{StreamId} failed after Orleans' retries at {Token}; dead letter {DeadLetterId}")]
    public static partial void DeliveryFailed(ILogger logger, Guid subscriptionId, string provider, StreamId streamId, string token, long deadLetterId);

    [LoggerMessage(5, LogLevel.Information, "Dead letter {DeadLetterId} (event {EventId}) replayed on {StreamId}")]
    public static partial void Replayed(ILogger logger, long deadLetterId, string? eventId, StreamId streamId);

    [LoggerMessage(6, LogLevel.Information, "Dead letter {DeadLetterId} discarded")]
    public static partial void Discarded(ILogger logger, long deadLetterId);
}
