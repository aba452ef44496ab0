using System.Globalization;

namespace Shop.Grains.Inventory;

/// <summary>Describes a SKU state as comparable facts, for reconciliation against the ledger.</summary>
internal static class SkuStateComparer
{
    public static SortedDictionary<string, string> Describe(SkuState state)
    {
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["stock"] = state.Stock.ToString(CultureInfo.InvariantCulture),
            ["reserved"] = state.Reserved.ToString(CultureInfo.InvariantCulture),
            ["sold"] = state.Sold.ToString(CultureInfo.InvariantCulture),
            ["per-user limit"] = state.PerUserLimit?.ToString(CultureInfo.InvariantCulture) ?? "none",
            ["listing"] = state.ProductId is { } product
                ? $"product {product} at {state.Price!.Amount.ToString(CultureInfo.InvariantCulture)} {state.Price.Currency}{(state.OnSale ? "" : ", off sale")}"
                : "no product",
        };
        foreach (var (orderId, order) in state.Orders)
        {
            facts[$"order {orderId}"] = $"{order.Status} {order.Quantity} for {order.UserId}";
        }

        foreach (var (userId, units) in state.UnitsByUser)
        {
            facts[$"units of {userId}"] = units.ToString(CultureInfo.InvariantCulture);
        }

        return facts;
    }

    public static IReadOnlyList<string> Differences(SortedDictionary<string, string> live, SortedDictionary<string, string> ledger) =>
        live.Keys.Union(ledger.Keys)
            .Where(k => live.GetValueOrDefault(k) != ledger.GetValueOrDefault(k))
            .Select(k => $"{k}: live {live.GetValueOrDefault(k) ?? "absent"}, ledger {ledger.GetValueOrDefault(k) ?? "absent"}")
            .ToList();
}
