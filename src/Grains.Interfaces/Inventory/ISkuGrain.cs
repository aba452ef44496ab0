using Orleans.Concurrency;

namespace Shop.Grains.Interfaces.Inventory;

/// <summary>
/// The stock of one SKU (the grain key). Every change is serialized by the grain, recorded in its ledger
/// and durable before it is acknowledged. Operations on an order id are idempotent.
/// </summary>
[Alias("shop.ISkuGrain")]
public interface ISkuGrain : IGrainWithStringKey
{
    /// <summary>
    /// Holds <paramref name="quantity"/> units for an order if they are available and the user stays within
    /// the per-user limit. Repeating it for the same order returns the first answer without holding more;
    /// a refusal is not remembered (nothing changed), so repeating a refused reservation decides anew.
    /// </summary>
    Task<ReservationResult> ReserveAsync(string orderId, string userId, int quantity);

    /// <summary>Turns an order's reservation into a sale.</summary>
    Task<SkuOrderChange> ConfirmAsync(string orderId);

    /// <summary>Gives an order's reserved units back to the available stock.</summary>
    Task<SkuOrderChange> ReleaseAsync(string orderId, string reason);

    /// <summary>Returns an order's sold units to stock.</summary>
    Task<SkuOrderChange> RefundAsync(string orderId);

    /// <summary>Sets the units on hand (reserved ones included). Throws <see cref="StockBelowReservedException"/> below what is reserved.</summary>
    Task<SkuView> SetStockAsync(int stock, string actor);

    /// <summary>Sets or removes (null) the per-user limit. Throws <see cref="PerUserLimitBelowHoldingsException"/> when a user already holds more.</summary>
    Task<SkuView> SetPerUserLimitAsync(int? perUserLimit, string actor);

    [AlwaysInterleave]
    Task<SkuView> GetViewAsync();

    /// <summary>The state of one order at this SKU, or null.</summary>
    [AlwaysInterleave]
    Task<SkuOrderStatus?> GetOrderStatusAsync(string orderId);

    /// <summary>Rebuilds the state from the ledger alone and reports any difference from the live state.</summary>
    Task<ReconciliationReport> ReconcileAsync();
}
