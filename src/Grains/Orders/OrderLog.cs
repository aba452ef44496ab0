using Microsoft.Extensions.Logging;

namespace Shop.Grains.Orders;

internal static partial class OrderLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Order {OrderId} placed for user {UserId}: {Amount} {Currency}")]
    public static partial void Placed(ILogger logger, string orderId, string userId, decimal amount, string currency);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Order {OrderId} completed")]
    public static partial void Completed(ILogger logger, string orderId);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Order {OrderId} cancelled ({Reason}); its stock is released")]
    public static partial void Cancelled(ILogger logger, string orderId, string? reason);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Order {OrderId} refunded; its stock is returned")]
    public static partial void Refunded(ILogger logger, string orderId);

    [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "Order {OrderId}: the payment hold ended at {HoldUntil} without an outcome; cancelling")]
    public static partial void HoldExpired(ILogger logger, string orderId, DateTimeOffset holdUntil);

    [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "Order {OrderId}: payment succeeded after the order was cancelled; refunding it")]
    public static partial void PaidAfterCancel(ILogger logger, string orderId);

    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "Order {OrderId}: its placement was interrupted before it committed; releasing what it reserved")]
    public static partial void AbandoningPlacement(ILogger logger, string orderId);

    [LoggerMessage(EventId = 608, Level = LogLevel.Warning, Message = "Order {OrderId}: a reservation's outcome is unknown and releasing failed too; the saga supervisor will abandon the placement")]
    public static partial void AbandonDeferred(ILogger logger, string orderId, Exception exception);

    [LoggerMessage(EventId = 620, Level = LogLevel.Critical, Message = "Order {OrderId} is stuck at step {Step}: its saga has not moved since {UpdatedAt}")]
    public static partial void Stuck(ILogger logger, string orderId, string step, DateTimeOffset updatedAt);

    [LoggerMessage(EventId = 621, Level = LogLevel.Warning, Message = "The saga supervisor could not resume order {OrderId}")]
    public static partial void ResumeFailed(ILogger logger, string orderId, Exception exception);

    [LoggerMessage(EventId = 622, Level = LogLevel.Warning, Message = "The saga supervisor could not read the orders read model")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 630, Level = LogLevel.Critical, Message = "Fault injection (Shop:Faults): killing this process at saga point {Point}, pass {Pass}")]
    public static partial void KillingAtFault(ILogger logger, SagaPoint point, int pass);

    [LoggerMessage(EventId = 609, Level = LogLevel.Critical, Message = "Order {OrderId} is paid but SKU {Sku} did not confirm its reservation ({Outcome}, order status there {Status}); the order is cancelled and its payment refunded")]
    public static partial void ConfirmRefused(ILogger logger, string orderId, string sku, string outcome, string? status);
}
