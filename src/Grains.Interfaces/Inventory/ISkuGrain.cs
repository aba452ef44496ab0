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

    /// <summary>
    /// Sets the stock and/or the per-user limit together, as one ledger commit: both or neither. Throws
    /// <see cref="StockBelowReservedException"/> or <see cref="PerUserLimitBelowHoldingsException"/>, and then changes nothing.
    /// </summary>
    Task<SkuView> AdjustAsync(InventoryAdjustment adjustment, string actor);

    [AlwaysInterleave]
    Task<SkuView> GetViewAsync();

    /// <summary>The state of one order at this SKU, or null.</summary>
    [AlwaysInterleave]
    Task<SkuOrderStatus?> GetOrderStatusAsync(string orderId);

    /// <summary>
    /// Puts the SKU on sale for <paramref name="productId"/> at <paramref name="price"/>. The first claim also sets its stock
    /// to <paramref name="initialStock"/> and its per-user limit; a repeated claim by the same product only updates the price
    /// (and puts it back on sale). A SKU another product holds is not touched (<see cref="SkuClaimOutcome.Taken"/>).
    /// </summary>
    Task<SkuClaim> ClaimAsync(long productId, Catalog.Money price, int initialStock, int? perUserLimit);

    /// <summary>Takes the SKU off sale, if <paramref name="productId"/> holds it: it keeps its stock and open orders, but cannot be reserved. Idempotent.</summary>
    Task WithdrawAsync(long productId);

    /// <summary>Gives up <paramref name="productId"/>'s claim (a draft that was abandoned), so another product may take the SKU. Idempotent.</summary>
    Task ReleaseClaimAsync(long productId);

    /// <summary>Who sells the SKU and at what price, with the units available now; null for a SKU no product ever claimed.</summary>
    [AlwaysInterleave]
    Task<SkuListing?> GetListingAsync();

    /// <summary>Rebuilds the state from the ledger alone and reports any difference from the live state.</summary>
    Task<ReconciliationReport> ReconcileAsync();
}
