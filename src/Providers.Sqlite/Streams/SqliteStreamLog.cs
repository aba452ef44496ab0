using Microsoft.Extensions.Logging;

namespace Shop.Providers.Sqlite.Streams;

internal static partial class SqliteStreamLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Stream provider {Provider}: message {Seq} of queue {Queue} (stream {StreamNamespace}/{StreamKey}) cannot be deserialized; dead-lettered as {DeadLetterId} and skipped")]
    public static partial void PoisonDeadLettered(ILogger logger, string provider, uint queue, long seq, string? streamNamespace, string streamKey, long deadLetterId, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Stream provider {Provider}: message {Seq} of queue {Queue} (stream {StreamNamespace}/{StreamKey}, event {EventId}, {Length} bytes) cannot be deserialized and no IDeadLetterStore is registered; it is skipped and deleted")]
    public static partial void PoisonSkipped(ILogger logger, string provider, uint queue, long seq, string? streamNamespace, string streamKey, string? eventId, int length, Exception exception);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Stream provider {Provider}: dead-lettering unreadable message {Seq} of queue {Queue} failed; the queue stops at it until that succeeds")]
    public static partial void DeadLetterFailed(ILogger logger, string provider, uint queue, long seq, Exception exception);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Stream provider {Provider}: {QueueCount} queues in SQLite store {Path}")]
    public static partial void Started(ILogger logger, string provider, int queueCount, string path);
}
