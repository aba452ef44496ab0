using Shop.Grains.Interfaces.Inventory;


namespace Shop.Grains.Inventory;

/// <summary>
/// Reserves every line of an order, all or nothing: when one line is refused (or its outcome is unknown),
/// the lines already reserved are released again. Used by the order saga.
/// </summary>
public static class MultiSkuReservation
{
    public const string ReleaseReason = "another line of the order was refused";

    public static async Task<MultiSkuReservationResult> ReserveAllAsync(IGrainFactory grains, string orderId, string userId, IReadOnlyList<OrderLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            throw new ArgumentException("An order needs at least one line.", nameof(lines));
        }

        // Two lines of one SKU are one reservation of their sum: a SKU holds one reservation per order.
        var merged = lines.GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => new OrderLine(g.Key, g.Sum(l => l.Quantity))).ToList();
        var attempts = merged.Select(l => grains.GetGrain<ISkuGrain>(l.Sku).ReserveAsync(orderId, userId, l.Quantity)).ToList();
        try
        {
            await Task.WhenAll(attempts);
        }
        catch
        {
            // An unknown outcome is treated as a success to undo: a SKU that has not seen the reservation yet closes the
            // order when asked to release it, and refuses the reservation if it still comes.
            await ReleaseAsync(grains, orderId, merged.Select(l => l.Sku));
            throw;
        }

        var results = attempts.Select(a => a.Result).ToList();
        if (results.FirstOrDefault(r => !r.Succeeded) is { } refused)
        {
            await ReleaseAsync(grains, orderId, results.Where(r => r.Succeeded).Select(r => r.Sku));
            return new MultiSkuReservationResult(false, results, refused);
        }

        return new MultiSkuReservationResult(true, results, null);
    }

    private static Task ReleaseAsync(IGrainFactory grains, string orderId, IEnumerable<string> skus) =>
        Task.WhenAll(skus.Select(sku => grains.GetGrain<ISkuGrain>(sku).ReleaseAsync(orderId, ReleaseReason)));
}
