using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Shop.Gateway.Resilience;

internal static partial class ClusterChangeLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "{Method} {Path}: the cluster changed under attempt {Attempt} ({Reason}); repeating it")]
    public static partial void Repeating(ILogger logger, string method, PathString path, int attempt, string reason);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "{Method} {Path}: the cluster changed under the request; answered 503")]
    public static partial void Unavailable(ILogger logger, Exception exception, string method, PathString path);
}
