using Microsoft.Extensions.Logging;
using Shop.Grains.Interfaces.Payments;

namespace Shop.Grains.Payments;

internal static partial class PaymentLog
{
    [LoggerMessage(EventId = 640, Level = LogLevel.Information, Message = "Payment {OrderId} {Status} after {Attempts} attempts")]
    public static partial void Settled(ILogger logger, string orderId, PaymentStatus status, int attempts);

    [LoggerMessage(EventId = 641, Level = LogLevel.Warning, Message = "Payment {OrderId}: attempt {Attempt} failed with a transient error; retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string orderId, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 642, Level = LogLevel.Error, Message = "Payment {OrderId}: failed after {Attempts} attempts")]
    public static partial void GaveUp(ILogger logger, string orderId, int attempts, Exception exception);

    [LoggerMessage(EventId = 643, Level = LogLevel.Warning, Message = "Payment {OrderId}: attempt {Attempt} has no known outcome; its status will be checked later")]
    public static partial void OutcomeUnknown(ILogger logger, string orderId, int attempt, Exception exception);

    [LoggerMessage(EventId = 644, Level = LogLevel.Warning, Message = "Payment {OrderId}: status check {Check} failed; checking again later")]
    public static partial void StatusUnknown(ILogger logger, string orderId, int check, Exception exception);

    [LoggerMessage(EventId = 645, Level = LogLevel.Information, Message = "Payment {OrderId} refunded")]
    public static partial void Refunded(ILogger logger, string orderId);
}
