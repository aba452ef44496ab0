using Microsoft.Extensions.Logging;

namespace Shop.Gateway;

internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Creating or upgrading the MariaDB schema")]
    public static partial void SchemaEnsuring(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The MariaDB schema is up to date")]
    public static partial void SchemaEnsured(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not connect to the cluster (attempt {Attempt}); retrying in {Delay}")]
    public static partial void ConnectRetrying(ILogger logger, Exception exception, int attempt, TimeSpan delay);
}
