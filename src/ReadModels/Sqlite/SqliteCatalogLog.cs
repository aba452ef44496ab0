using Microsoft.Extensions.Logging;

namespace Shop.ReadModels.Sqlite;

internal static partial class SqliteCatalogLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Opened the SQLite catalog read model {Path} (schema version {SchemaVersion})")]
    public static partial void Opened(ILogger logger, string path, int schemaVersion);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Upgraded the SQLite catalog read model {Path} from schema version {From} to {To}")]
    public static partial void SchemaUpgraded(ILogger logger, string path, int from, int to);
}
