namespace Shop.Grains.ReadModels;

/// <summary>
/// How far behind the committed order events the orders read model is (meter <c>Shop.ReadModels</c>, beside
/// <see cref="CatalogMetrics"/>): from the order event's commit in the order's journal to the order's row being written.
/// </summary>
public sealed class OrderReadModelMetrics(System.Diagnostics.Metrics.IMeterFactory meterFactory)
{
    private readonly ReadModelLagMeter _lag = new(
        meterFactory,
        "orders",
        "Time from an order event's commit to its order's row in the orders read model.",
        "Order rows written to the orders read model.",
        "Lag of the last order row written to the orders read model.");

    /// <summary>The lag of the most recently written row (what the operations page shows).</summary>
    public TimeSpan LastLag => _lag.LastLag;

    public void OrderApplied(TimeSpan lag) => _lag.Applied(lag);
}
