using System.Diagnostics.Metrics;

namespace Shop.Grains.ReadModels;

/// <summary>
/// How far behind the committed events the orders read model is (meter <c>Shop.ReadModels</c>, beside
/// <see cref="CatalogMetrics"/>). The lag of a change is the time from the order event's commit in the order's journal to
/// the order's row being written.
/// </summary>
public sealed class OrderReadModelMetrics
{
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _applied;
    private long _lastLagTicks;

    public OrderReadModelMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(CatalogMetrics.MeterName);
        _lag = meter.CreateHistogram<double>("shop.read_model.orders.lag", "ms", "Time from an order event's commit to its order's row in the orders read model.");
        _applied = meter.CreateCounter<long>("shop.read_model.orders.applied", "{change}", "Order rows written to the orders read model.");
        meter.CreateObservableGauge("shop.read_model.orders.last_lag", () => TimeSpan.FromTicks(Interlocked.Read(ref _lastLagTicks)).TotalMilliseconds, "ms", "Lag of the last order row written to the orders read model.");
    }

    /// <summary>The lag of the most recently written row (what the operations page shows).</summary>
    public TimeSpan LastLag => TimeSpan.FromTicks(Interlocked.Read(ref _lastLagTicks));

    public void OrderApplied(TimeSpan lag)
    {
        var clamped = lag < TimeSpan.Zero ? TimeSpan.Zero : lag;
        Interlocked.Exchange(ref _lastLagTicks, clamped.Ticks);
        _lag.Record(clamped.TotalMilliseconds);
        _applied.Add(1);
    }
}
