using System.Diagnostics.Metrics;

namespace Shop.Grains.ReadModels;

/// <summary>
/// One read model's lag on meter <c>Shop.ReadModels</c>: <c>shop.read_model.{name}.lag</c> (a histogram),
/// <c>.applied</c> (a counter) and <c>.last_lag</c> (a gauge of the last change, which the operations page shows). The lag
/// of a change is the time from its commit in the producing grain's journal to its row in the read model.
/// </summary>
public sealed class ReadModelLagMeter
{
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _applied;
    private long _lastLagTicks;

    public ReadModelLagMeter(IMeterFactory meterFactory, string name, string lagDescription, string appliedDescription, string lastLagDescription)
    {
        var meter = meterFactory.Create(CatalogMetrics.MeterName);
        _lag = meter.CreateHistogram<double>($"shop.read_model.{name}.lag", "ms", lagDescription);
        _applied = meter.CreateCounter<long>($"shop.read_model.{name}.applied", "{change}", appliedDescription);
        meter.CreateObservableGauge($"shop.read_model.{name}.last_lag", () => LastLag.TotalMilliseconds, "ms", lastLagDescription);
    }

    /// <summary>The lag of the most recently applied change.</summary>
    public TimeSpan LastLag => TimeSpan.FromTicks(Interlocked.Read(ref _lastLagTicks));

    public void Applied(TimeSpan lag)
    {
        var clamped = lag < TimeSpan.Zero ? TimeSpan.Zero : lag;
        Interlocked.Exchange(ref _lastLagTicks, clamped.Ticks);
        _lag.Record(clamped.TotalMilliseconds);
        _applied.Add(1);
    }
}
