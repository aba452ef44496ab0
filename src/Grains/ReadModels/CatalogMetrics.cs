using System.Diagnostics.Metrics;

namespace Shop.Grains.ReadModels;

/// <summary>
/// The read models' meters (meter <c>Shop.ReadModels</c>): how far behind the committed events the catalog read model is.
/// The lag of a change is the time from its commit in the product's journal to its commit in the read model.
/// </summary>
public sealed class CatalogMetrics
{
    public const string MeterName = "Shop.ReadModels";

    private readonly Histogram<double> _lag;
    private readonly Counter<long> _applied;
    private long _lastLagTicks;

    public CatalogMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _lag = meter.CreateHistogram<double>("shop.read_model.catalog.lag", "ms", "Time from a product change's commit to its commit in the catalog read model.");
        _applied = meter.CreateCounter<long>("shop.read_model.catalog.applied", "{change}", "Product changes applied to the catalog read model.");
        meter.CreateObservableGauge("shop.read_model.catalog.last_lag", () => TimeSpan.FromTicks(Interlocked.Read(ref _lastLagTicks)).TotalMilliseconds, "ms", "Lag of the last change applied to the catalog read model.");
    }

    /// <summary>The lag of the most recently applied change (what an operations page shows).</summary>
    public TimeSpan LastLag => TimeSpan.FromTicks(Interlocked.Read(ref _lastLagTicks));

    public void CatalogApplied(TimeSpan lag)
    {
        var clamped = lag < TimeSpan.Zero ? TimeSpan.Zero : lag;
        Interlocked.Exchange(ref _lastLagTicks, clamped.Ticks);
        _lag.Record(clamped.TotalMilliseconds);
        _applied.Add(1);
    }
}
