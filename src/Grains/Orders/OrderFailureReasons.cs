namespace Shop.Grains.Orders;

/// <summary>Why an order did not go ahead (its <c>failureReason</c>).</summary>
public static class OrderFailureReasons
{
    public const string PaymentDeclined = "payment-declined";
    public const string PaymentError = "payment-error";
    public const string PaymentHoldExpired = "payment-hold-expired";
    public const string CancelledByBuyer = "cancelled-by-user";

    /// <summary>Paid, but a SKU no longer held the order's units: the order is cancelled and its payment refunded.</summary>
    public const string InventoryUnavailable = "inventory-unavailable";
}
