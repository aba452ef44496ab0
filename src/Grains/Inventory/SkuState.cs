using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;

namespace Shop.Grains.Inventory;

/// <summary>
/// The stock of one SKU. It changes only through <see cref="Apply"/>, which also guards the invariants
/// after every line: <c>0 ≤ Reserved ≤ Stock</c>, <c>Sold ≥ 0</c>, no user above the per-user limit, and
/// the numbers equal to those the line recorded.
/// </summary>
[GenerateSerializer]
public sealed class SkuState
{
    /// <summary>Units on hand not yet sold, reserved ones included.</summary>
    [Id(0)]
    public int Stock { get; set; }

    [Id(1)]
    public int Reserved { get; set; }

    [Id(2)]
    public int Sold { get; set; }

    /// <summary>Most units one user may hold (open reservations plus purchases); null for no limit.</summary>
    [Id(3)]
    public int? PerUserLimit { get; set; }

    /// <summary>
    /// The orders this SKU has seen and not yet forgotten, so that each operation on an order is idempotent.
    /// Settled orders are forgotten after a retention period (<see cref="ForgottenLine"/>).
    /// </summary>
    [Id(4)]
    public Dictionary<string, SkuOrder> Orders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Units each user holds: open reservations plus confirmed purchases.</summary>
    [Id(5)]
    public Dictionary<string, int> UnitsByUser { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The product that sells this SKU; null while no product claims it.</summary>
    [Id(6)]
    public long? ProductId { get; set; }

    [Id(7)]
    public Money? Price { get; set; }

    /// <summary>Whether the SKU can be reserved: claimed by a product and not taken off sale.</summary>
    [Id(8)]
    public bool OnSale { get; set; }

    public int Available => Stock - Reserved;

    public int UnitsOf(string userId) => UnitsByUser.GetValueOrDefault(userId);

    public int LargestHolding => UnitsByUser.Count == 0 ? 0 : UnitsByUser.Values.Max();

    /// <summary>A copy that later lines do not change: orders are values, so copying the dictionaries is enough.</summary>
    public SkuState Copy() => new()
    {
        Stock = Stock,
        Reserved = Reserved,
        Sold = Sold,
        PerUserLimit = PerUserLimit,
        Orders = new(Orders, Orders.Comparer),
        UnitsByUser = new(UnitsByUser, UnitsByUser.Comparer),
        ProductId = ProductId,
        Price = Price,
        OnSale = OnSale,
    };

    public SkuListing? ToListing(string sku) => ProductId is { } productId ? new(sku, productId, Price!, OnSale, Available) : null;

    /// <summary>
    /// The line that puts the SKU on sale for a product. A product that takes the SKU over (it had no owner) sets its stock
    /// and per-user limit, never below what is reserved; after that they belong to the inventory (administrators and
    /// orders), and the same product claiming again only changes the price.
    /// </summary>
    public LedgerEntry ListedLine(long productId, Money price, int initialStock, int? perUserLimit, string actor, DateTimeOffset at) =>
        ProductId == productId
            ? new(LedgerEntryKind.Listed, null, null, 0, actor, "put on sale by its product", at, Stock, Reserved, Sold, PerUserLimit, ProductId: productId, Price: price)
            : new(LedgerEntryKind.Listed, null, null, Math.Max(initialStock, Reserved) - Stock, actor, "taken over by a product", at, Math.Max(initialStock, Reserved), Reserved, Sold, perUserLimit, ProductId: productId, Price: price);

    public LedgerEntry WithdrawnLine(string actor, DateTimeOffset at) =>
        new(LedgerEntryKind.Withdrawn, null, null, 0, actor, "taken off sale by its product", at, Stock, Reserved, Sold, PerUserLimit, ProductId: ProductId);

    public LedgerEntry ClaimReleasedLine(string actor, DateTimeOffset at) =>
        new(LedgerEntryKind.ClaimReleased, null, null, 0, actor, "given up by its product", at, Stock, Reserved, Sold, PerUserLimit, ProductId: ProductId);

    public SkuView ToView(string sku, long version) => new(sku, Stock, Reserved, Sold, Available, PerUserLimit, version);

    public LedgerEntry ReservedLine(string orderId, string userId, int quantity, DateTimeOffset at) =>
        new(LedgerEntryKind.Reserved, orderId, userId, quantity, userId, null, at, Stock, Reserved + quantity, Sold, PerUserLimit);

    public LedgerEntry ConfirmedLine(string orderId, SkuOrder order, DateTimeOffset at) =>
        new(LedgerEntryKind.Confirmed, orderId, order.UserId, order.Quantity, order.UserId, null, at,
            Stock - order.Quantity, Reserved - order.Quantity, Sold + order.Quantity, PerUserLimit);

    public LedgerEntry ReleasedLine(string orderId, SkuOrder order, string reason, DateTimeOffset at) =>
        new(LedgerEntryKind.Released, orderId, order.UserId, order.Quantity, "system", reason, at, Stock, Reserved - order.Quantity, Sold, PerUserLimit);

    public LedgerEntry ClosedBeforeReservedLine(string orderId, string reason, DateTimeOffset at) =>
        new(LedgerEntryKind.ClosedBeforeReserved, orderId, null, 0, "system", reason, at, Stock, Reserved, Sold, PerUserLimit);

    public LedgerEntry RefundedLine(string orderId, SkuOrder order, DateTimeOffset at) =>
        new(LedgerEntryKind.Refunded, orderId, order.UserId, order.Quantity, "system", "refund", at,
            Stock + order.Quantity, Reserved, Sold - order.Quantity, PerUserLimit);

    public LedgerEntry StockSetLine(int stock, string actor, DateTimeOffset at) =>
        new(LedgerEntryKind.StockSet, null, null, stock - Stock, actor, "stock set by an administrator", at, stock, Reserved, Sold, PerUserLimit);

    public LedgerEntry PerUserLimitSetLine(int? limit, string actor, DateTimeOffset at) =>
        new(LedgerEntryKind.PerUserLimitSet, null, null, 0, actor, "per-user limit set by an administrator", at, Stock, Reserved, Sold, limit);

    /// <summary>How many settled orders settled before <paramref name="before"/>.</summary>
    public int SettledBefore(DateTimeOffset before) => Orders.Values.Count(o => o.SettledAt <= before);

    public LedgerEntry ForgottenLine(DateTimeOffset before, int count, DateTimeOffset at) =>
        new(LedgerEntryKind.SettledOrdersForgotten, null, null, count, "system", "settled orders past the retention period", at, Stock, Reserved, Sold, PerUserLimit, before);

    /// <summary>Applies one ledger line. The only place where the state changes.</summary>
    public void Apply(LedgerEntry line)
    {
        switch (line.Kind)
        {
            case LedgerEntryKind.Reserved:
                Orders[line.OrderId!] = new SkuOrder(line.UserId!, line.Quantity, SkuOrderStatus.Reserved);
                Reserved += line.Quantity;
                AddUnits(line.UserId!, line.Quantity);
                break;
            case LedgerEntryKind.Confirmed:
                Settle(line, SkuOrderStatus.Confirmed);
                Stock -= line.Quantity;
                Reserved -= line.Quantity;
                Sold += line.Quantity;
                break;
            case LedgerEntryKind.Released:
                Settle(line, SkuOrderStatus.Released);
                Reserved -= line.Quantity;
                AddUnits(line.UserId!, -line.Quantity);
                break;
            case LedgerEntryKind.ClosedBeforeReserved:
                Orders[line.OrderId!] = new SkuOrder(string.Empty, 0, SkuOrderStatus.Released, line.At);
                break;
            case LedgerEntryKind.Refunded:
                Settle(line, SkuOrderStatus.Refunded);
                Sold -= line.Quantity;
                Stock += line.Quantity;
                AddUnits(line.UserId!, -line.Quantity);
                break;
            case LedgerEntryKind.StockSet:
                Stock = line.Stock;
                break;
            case LedgerEntryKind.PerUserLimitSet:
                PerUserLimit = line.PerUserLimit;
                break;
            case LedgerEntryKind.SettledOrdersForgotten:
                Forget(line);
                break;
            case LedgerEntryKind.Listed:
                ProductId = line.ProductId;
                Price = line.Price;
                OnSale = true;
                Stock = line.Stock;
                PerUserLimit = line.PerUserLimit;
                break;
            case LedgerEntryKind.Withdrawn:
                OnSale = false;
                break;
            case LedgerEntryKind.ClaimReleased:
                ProductId = null;
                Price = null;
                OnSale = false;
                break;
            default:
                throw new InvalidOperationException($"Unknown ledger line kind {line.Kind}.");
        }

        EnsureInvariants(line);
    }

    private void Settle(LedgerEntry line, SkuOrderStatus status) =>
        Orders[line.OrderId!] = Order(line) with { Status = status, SettledAt = line.At };

    private void Forget(LedgerEntry line)
    {
        var forgotten = Orders.Where(o => o.Value.SettledAt <= line.SettledBefore).Select(o => o.Key).ToList();
        if (forgotten.Count != line.Quantity)
        {
            throw new InvalidOperationException($"Ledger line {line.Kind} forgets {line.Quantity} orders settled before {line.SettledBefore:O}, but {forgotten.Count} are.");
        }

        foreach (var orderId in forgotten)
        {
            Orders.Remove(orderId);
        }
    }

    private SkuOrder Order(LedgerEntry line) =>
        Orders.TryGetValue(line.OrderId!, out var order)
            ? order
            : throw new InvalidOperationException($"Ledger line {line.Kind} names order {line.OrderId}, which was never reserved.");

    private void AddUnits(string userId, int delta)
    {
        var units = UnitsOf(userId) + delta;
        if (units == 0)
        {
            UnitsByUser.Remove(userId);
        }
        else
        {
            UnitsByUser[userId] = units;
        }
    }

    private void EnsureInvariants(LedgerEntry line)
    {
        if (Reserved < 0 || Reserved > Stock || Sold < 0
            || (PerUserLimit is { } limit && line.UserId is { } user && UnitsOf(user) > limit && line.Kind == LedgerEntryKind.Reserved)
            || Stock != line.Stock || Reserved != line.Reserved || Sold != line.Sold || PerUserLimit != line.PerUserLimit)
        {
            throw new InvalidOperationException(
                $"Ledger line {line.Kind} for order {line.OrderId} breaks the stock invariants: " +
                $"stock {Stock} (line says {line.Stock}), reserved {Reserved} ({line.Reserved}), sold {Sold} ({line.Sold}), limit {PerUserLimit} ({line.PerUserLimit}).");
        }
    }
}
