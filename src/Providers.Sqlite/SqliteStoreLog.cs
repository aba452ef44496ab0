using Microsoft.Extensions.Logging;

namespace Shop.Providers.Sqlite;

internal static partial class SqliteStoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Opened SQLite store {Path} (schema version {SchemaVersion}, WAL, synchronous=FULL)")]
    public static partial void Opened(ILogger logger, string path, int schemaVersion);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Upgraded the schema of SQLite store {Path} from version {FromVersion} to {ToVersion}")]
    public static partial void SchemaUpgraded(ILogger logger, string path, int fromVersion, int toVersion);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "A SQLite write transaction of {Count} operation(s) failed; none of them was committed")]
    public static partial void TransactionFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "A SQLite write batch of {Count} operations hit an unexpected error; running its operations one by one")]
    public static partial void BatchRetriedSingly(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "A SQLite write operation failed")]
    public static partial void OperationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Critical, Message = "The SQLite writer stopped unexpectedly; pending writes were failed")]
    public static partial void WriterStopped(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Write of state {StateName} of {GrainId} conflicted: stored ETag {StoredETag}, presented {PresentedETag}")]
    public static partial void StateConflict(ILogger logger, string stateName, GrainId grainId, string? storedETag, string? presentedETag);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Append to the journal of {GrainId} at version {ExpectedVersion} conflicted: the journal ends at {StoredVersion}")]
    public static partial void JournalConflict(ILogger logger, GrainId grainId, long expectedVersion, long storedVersion);
}
