using Microsoft.Extensions.Logging;

namespace Shop.ReadModels.Common;

internal static partial class CatalogReadModelLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "A {Store} catalog group commit of {Calls} calls ({Changes} changes) failed; running the calls one per transaction")]
    public static partial void BatchRetriedSingly(ILogger logger, string store, int calls, int changes, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "A {Store} catalog transaction of {Changes} changes failed")]
    public static partial void CommitFailed(ILogger logger, string store, int changes, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "The {Store} catalog writer stopped unexpectedly; pending changes were failed")]
    public static partial void WriterStopped(ILogger logger, string store, Exception exception);
}
