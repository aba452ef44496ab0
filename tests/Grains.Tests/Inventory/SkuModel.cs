using Shop.Grains.Interfaces.Inventory;

namespace Shop.Grains.Tests.Inventory;

/// <summary>A deliberately naive reference of the inventory rules, for the model-based property test.</summary>
internal sealed class SkuModel
{
    private readonly Dictionary<string, (string User, int Quantity, SkuOrderStatus Status)> _orders = [];

    public int Stock { get; private set; }

    public int Reserved { get; private set; }

    public int Sold { get; private set; }

    public int? Limit { get; private set; }

    public int UnitsOf(string user) =>
        _orders.Values.Where(o => o.User == user && o.Status is SkuOrderStatus.Reserved or SkuOrderStatus.Confirmed).Sum(o => o.Quantity);

    public string Apply(SkuOp op) => op switch
    {
        SkuOp.Reserve r => Reserve(r),
        SkuOp.Confirm c => Change(c.Order, SkuOrderStatus.Reserved, SkuOrderStatus.Confirmed, q => { Stock -= q; Reserved -= q; Sold += q; }),
        SkuOp.Release r when !_orders.ContainsKey(r.Order) => CloseBeforeReserved(r.Order),
        SkuOp.Release r => Change(r.Order, SkuOrderStatus.Reserved, SkuOrderStatus.Released, q => Reserved -= q),
        SkuOp.Refund r => Change(r.Order, SkuOrderStatus.Confirmed, SkuOrderStatus.Refunded, q => { Sold -= q; Stock += q; }),
        SkuOp.SetStock s when s.Stock < Reserved => "stock-below-reserved",
        SkuOp.SetStock s => Set(() => Stock = s.Stock),
        SkuOp.SetLimit l when l.Limit is { } limit && _orders.Values.Select(o => o.User).Distinct().Any(u => UnitsOf(u) > limit) => "limit-below-holdings",
        SkuOp.SetLimit l => Set(() => Limit = l.Limit),
        _ => throw new InvalidOperationException(),
    };

    private string Reserve(SkuOp.Reserve r)
    {
        if (_orders.TryGetValue(r.Order, out var existing))
        {
            // An order id holds stock once: a reservation given back is not taken again.
            return existing.Status is SkuOrderStatus.Released or SkuOrderStatus.Refunded ? "OrderClosed" : "Reserved";
        }

        if (r.Quantity > Stock - Reserved)
        {
            return "OutOfStock";
        }

        if (Limit is { } limit && UnitsOf(r.User) + r.Quantity > limit)
        {
            return "PurchaseLimitExceeded";
        }

        _orders[r.Order] = (r.User, r.Quantity, SkuOrderStatus.Reserved);
        Reserved += r.Quantity;
        return "Reserved";
    }

    /// <summary>Releasing an order never reserved here closes it: a reservation of it coming later is refused.</summary>
    private string CloseBeforeReserved(string order)
    {
        _orders[order] = (string.Empty, 0, SkuOrderStatus.Released);
        return "UnknownOrder";
    }

    private string Change(string order, SkuOrderStatus from, SkuOrderStatus to, Action<int> effect)
    {
        if (!_orders.TryGetValue(order, out var o))
        {
            return "UnknownOrder";
        }

        if (o.Status == to)
        {
            return "AlreadyApplied";
        }

        if (o.Status != from)
        {
            return "NotApplicable";
        }

        effect(o.Quantity);
        _orders[order] = o with { Status = to };
        return "Applied";
    }

    private static string Set(Action set)
    {
        set();
        return "ok";
    }
}
