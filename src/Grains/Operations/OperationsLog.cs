using Microsoft.Extensions.Logging;

namespace Shop.Grains.Operations;

internal static partial class OperationsLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "The operations history could not take a sample; the next one is due in {Interval}")]
    public static partial void SampleFailed(ILogger logger, TimeSpan interval, Exception exception);

    [LoggerMessage(EventId = 701, Level = LogLevel.Debug, Message = "Silo {Silo} could not report its operations figures; it reports again in {Interval}")]
    public static partial void ReportFailed(ILogger logger, string silo, TimeSpan interval, Exception exception);
}
