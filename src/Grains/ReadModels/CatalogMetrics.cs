using System.Diagnostics.Metrics;

namespace Shop.Grains.ReadModels;

/// <summary>
/// The read models' meter (<c>Shop.ReadModels</c>), and on it how far behind the committed product changes the catalog
/// read model is.
/// </summary>
public sealed class CatalogMetrics(IMeterFactory meterFactory)
{
    public const string MeterName = "Shop.ReadModels";

    private readonly ReadModelLagMeter _lag = new(
        meterFactory,
        "catalog",
        "Time from a product change's commit to its commit in the catalog read model.",
        "Product changes applied to the catalog read model.",
        "Lag of the last change applied to the catalog read model.");

    /// <summary>The lag of the most recently applied change (what the operations page shows).</summary>
    public TimeSpan LastLag => _lag.LastLag;

    public void CatalogApplied(TimeSpan lag) => _lag.Applied(lag);
}
