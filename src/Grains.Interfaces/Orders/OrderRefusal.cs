namespace Shop.Grains.Interfaces.Orders;

[GenerateSerializer]
public enum OrderRefusal
{
    /// <summary>A line asks for more than its SKU has available (HTTP 409 <c>out-of-stock</c>).</summary>
    OutOfStock,
    /// <summary>The buyer would go over a SKU's per-user limit (HTTP 409 <c>purchase-limit-exceeded</c>).</summary>
    PurchaseLimitExceeded,
    /// <summary>A line names a SKU nobody sells (HTTP 422 <c>unknown-sku</c>).</summary>
    UnknownSku,
}
