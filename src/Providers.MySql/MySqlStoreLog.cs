using Microsoft.Extensions.Logging;

namespace Shop.Providers.MySql;

internal static partial class MySqlStoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Opened MySQL store on database {Database} (schema version {SchemaVersion}, {Writers} writer connection(s), batches of up to {MaxBatchSize})")]
    public static partial void Opened(ILogger logger, string database, int schemaVersion, int writers, int maxBatchSize);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Applied schema script {Script} to MySQL database {Database}")]
    public static partial void ScriptApplied(ILogger logger, string script, string database);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "A MySQL group commit of {Count} write(s) failed; it was not applied, or (when COMMIT itself failed) may have been")]
    public static partial void TransactionFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "A MySQL group commit of {Count} writes hit an unexpected error; running its writes one by one")]
    public static partial void BatchRetriedSingly(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "A MySQL group commit of {Count} write(s) failed before COMMIT on a deadlock, a lock wait timeout or a dead connection (attempt {Attempt}); running it again")]
    public static partial void BatchRetried(ILogger logger, int count, int attempt, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Critical, Message = "A MySQL writer stopped unexpectedly; pending writes were failed")]
    public static partial void WriterStopped(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "A MySQL read lost its connection; running it once more on a fresh one")]
    public static partial void ReadRetried(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Write of state {StateName} of grain {GrainId} conflicted: {Reason}")]
    public static partial void StateConflict(ILogger logger, string stateName, GrainId grainId, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "Journal append of grain {GrainId} at version {ExpectedVersion} conflicted: {Reason}")]
    public static partial void JournalConflict(ILogger logger, GrainId grainId, long expectedVersion, string reason);
}
