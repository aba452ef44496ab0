using Shop.Grains.ReadModels;

namespace Shop.ReadModels.Common;

/// <summary>
/// Folds the changes of a batch to one per product, the one with the highest version, in ascending product order.
/// </summary>
/// <remarks>
/// The version guard would ignore the older changes anyway; dropping them first means a product is written at
/// most once per transaction, and the ascending order makes every writer lock rows in the same order, so two
/// transactions over overlapping products (two silos during a failover) wait for each other instead of deadlocking.
/// Two changes with the same version are the same change delivered twice; either may be kept.
/// </remarks>
internal static class LatestChanges
{
    public static List<CatalogChange> Merge(IEnumerable<IReadOnlyList<CatalogChange>> calls)
    {
        var latest = new Dictionary<long, CatalogChange>();
        foreach (var changes in calls)
        {
            foreach (var change in changes)
            {
                if (!latest.TryGetValue(change.ProductId, out var held) || change.Version > held.Version)
                {
                    latest[change.ProductId] = change;
                }
            }
        }

        var merged = latest.Values.ToList();
        merged.Sort(static (a, b) => a.ProductId.CompareTo(b.ProductId));
        return merged;
    }
}
