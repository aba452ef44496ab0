using Microsoft.Extensions.Logging;

namespace Shop.Gateway.Orders;

internal static partial class OrderEndpointsLog
{
    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "Placing an order: the cluster changed under attempt {Attempt} ({Reason}); asking the same order again")]
    public static partial void PlacingAgain(ILogger logger, int attempt, string reason);

    [LoggerMessage(EventId = 43, Level = LogLevel.Information, Message = "Checking out: the cluster changed under attempt {Attempt} at the cart ({Reason}); asking it again")]
    public static partial void CheckingOutAgain(ILogger logger, int attempt, string reason);
}
