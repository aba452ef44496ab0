using Microsoft.Extensions.Logging;

namespace Shop.Providers.Kafka;

/// <summary>The provider's log messages (source-generated: no formatting cost when a level is off).</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(1, LogLevel.Information, "Kafka stream provider {Provider}: queue {Queue} reads {TopicPartition} as consumer group {Group}, from the group's committed offset (earliest when none).")]
    public static partial void ReceiverStarted(ILogger logger, string provider, string queue, string topicPartition, string group);

    [LoggerMessage(2, LogLevel.Information, "Kafka stream provider {Provider}: queue {Queue} stopped; committed offset {Offset}.")]
    public static partial void ReceiverStopped(ILogger logger, string provider, string queue, long? offset);

    [LoggerMessage(3, LogLevel.Warning, "Kafka stream provider {Provider}: reading {TopicPartition} failed: {Reason}. Retrying at the next poll.")]
    public static partial void ConsumeFailed(ILogger logger, string provider, string topicPartition, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Kafka stream provider {Provider}: committing offset {Offset} of {TopicPartition} failed; retrying later.")]
    public static partial void CommitFailed(ILogger logger, Exception exception, string provider, string topicPartition, long offset);

    [LoggerMessage(5, LogLevel.Debug, "Kafka stream provider {Provider}: committed offset {Offset} of {TopicPartition}.")]
    public static partial void Committed(ILogger logger, string provider, string topicPartition, long offset);

    [LoggerMessage(6, LogLevel.Warning, "Kafka stream provider {Provider}: message {TopicPartition}@{Offset} cannot be read; dead-lettered as {DeadLetterId} and skipped.")]
    public static partial void PoisonDeadLettered(ILogger logger, Exception error, string provider, string topicPartition, long offset, long deadLetterId);

    [LoggerMessage(7, LogLevel.Error, "Kafka stream provider {Provider}: message {TopicPartition}@{Offset} cannot be read and no IDeadLetterStore is registered; skipped. Stream {StreamNamespace}/{StreamKey}, event id {EventId}, type {EventType}.")]
    public static partial void PoisonSkipped(ILogger logger, Exception error, string provider, string topicPartition, long offset, string? streamNamespace, string? streamKey, string? eventId, string eventType);

    [LoggerMessage(8, LogLevel.Error, "Kafka stream provider {Provider}: message {TopicPartition}@{Offset} cannot be read and storing its dead letter failed; retrying (its offset is not committed meanwhile).")]
    public static partial void DeadLetterFailed(ILogger logger, Exception exception, string provider, string topicPartition, long offset);

    [LoggerMessage(9, LogLevel.Error, "Kafka stream provider {Provider}: Orleans gave up delivering {StreamId} at {Token} to subscription {SubscriptionId}; the message's offset will be committed.")]
    public static partial void DeliveryFailed(ILogger logger, string provider, string streamId, string? token, string subscriptionId);

    [LoggerMessage(10, LogLevel.Error, "Kafka stream provider {Provider}: subscription {SubscriptionId} to {StreamId} failed at {Token}.")]
    public static partial void SubscriptionFailed(ILogger logger, string provider, string streamId, string? token, string subscriptionId);

    [LoggerMessage(11, LogLevel.Warning, "Kafka stream provider {Provider}: librdkafka {Client} error: {Reason} (fatal: {Fatal}).")]
    public static partial void ClientError(ILogger logger, string provider, string client, string reason, bool fatal);

    [LoggerMessage(12, LogLevel.Information, "Kafka stream provider {Provider}: created topic {Topic} ({Partitions} partitions).")]
    public static partial void TopicCreated(ILogger logger, string provider, string topic, int partitions);

    [LoggerMessage(13, LogLevel.Warning, "Kafka stream provider {Provider}: closing the consumer of {TopicPartition} failed.")]
    public static partial void CloseFailed(ILogger logger, Exception exception, string provider, string topicPartition);
}
