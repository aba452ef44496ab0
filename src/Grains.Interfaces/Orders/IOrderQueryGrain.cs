namespace Shop.Grains.Interfaces.Orders;

/// <summary>Order lists, answered from the orders read model.</summary>
[Alias("shop.IOrderQueryGrain")]
public interface IOrderQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The buyer's placed orders, newest first (page is 1-based).</summary>
    Task<OrderPage> ListForUserAsync(string userId, int page, int pageSize);

    /// <summary>Orders whose saga has not moved for longer than the configured limit (<c>Shop:Orders:StuckAfter</c>), oldest first.</summary>
    Task<IReadOnlyList<OrderSummary>> ListStuckAsync(int limit);
}
