namespace Shop.Grains.Orders;

/// <summary>The moments of the saga between two commits, where a crash leaves work that only recovery can finish.</summary>
public enum SagaPoint
{
    /// <summary>Every line is reserved at its SKU; the order is not yet committed as Pending.</summary>
    Reserved,
    /// <summary>The payment provider charged the payment; the payment's journal does not know it yet.</summary>
    Charged,
    /// <summary>The order recorded its payment's success; its stock is not yet confirmed.</summary>
    PaymentRecorded,
    /// <summary>Every SKU confirmed the sale; the order is not yet Completed.</summary>
    StockConfirmed,
}
