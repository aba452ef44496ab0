using Microsoft.Extensions.Logging;

namespace Shop.ReadModels.MySql;

internal static partial class MySqlCatalogLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Opened the MariaDB catalog read model on database {Database} (schema version {SchemaVersion})")]
    public static partial void Opened(ILogger logger, string database, int schemaVersion);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Applied catalog schema script {Script} to MariaDB database {Database}")]
    public static partial void ScriptApplied(ILogger logger, string script, string database);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Installed {What} in the MariaDB server for the catalog read model")]
    public static partial void MroongaInstalled(ILogger logger, string what);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "A MariaDB catalog transaction of {Changes} changes failed on a deadlock, a lock wait timeout or a lost connection (attempt {Attempt}); running it again")]
    public static partial void BatchRetried(ILogger logger, int changes, int attempt, Exception exception);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "A MariaDB catalog read lost its connection; running it once more on a fresh one")]
    public static partial void ReadRetried(ILogger logger, Exception exception);
}
