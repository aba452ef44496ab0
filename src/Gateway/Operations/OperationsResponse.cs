using Shop.Gateway.Orders;
using Shop.Grains.Interfaces.Operations;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Gateway.Operations;

/// <summary>
/// <c>GET /api/admin/operations</c>: the figures behind the commerce operations page, refreshed by the page every few
/// seconds. Lags are in milliseconds, rates in events per second.
/// </summary>
public sealed record OperationsResponse(
    DateTimeOffset TakenAt,
    int Silos,
    double EventsPerSecond,
    IReadOnlyList<QueueResponse> Queues,
    IReadOnlyList<ReadModelLagResponse> ReadModels,
    IReadOnlyDictionary<string, long> OrdersByStatus,
    DeadLettersResponse DeadLetters,
    IReadOnlyList<OrderSummaryResponse> StuckSagas,
    IReadOnlyList<HotSkuResponse> HotSkus,
    IReadOnlyList<OperationsSampleResponse> History)
{
    /// <summary>Every status by the API's name for it (<c>Pending</c>, <c>Completed</c>, …), in the API's order.</summary>
    internal static IReadOnlyDictionary<string, long> ByStatus(IReadOnlyDictionary<OrderStatus, long> counts) =>
        Enum.GetValues<OrderStatus>().ToDictionary(s => s.ToString(), s => counts.GetValueOrDefault(s), StringComparer.Ordinal);

    /// <summary>Two decimals: what a chart or a reader can use of a rate or a lag.</summary>
    internal static double Rounded(double value) => Math.Round(value, 2);

    internal static double Milliseconds(TimeSpan lag) => Rounded(lag.TotalMilliseconds);
}

/// <summary>One stream queue: events handled per second lately, the lag of its last handled event, and how many since the silos started.</summary>
public sealed record QueueResponse(string Queue, double EventsPerSecond, double LagMs, long Handled)
{
    public static QueueResponse From(QueueActivity queue) =>
        new(queue.Queue, OperationsResponse.Rounded(queue.EventsPerSecond), OperationsResponse.Milliseconds(queue.Lag), queue.Handled);
}

/// <summary>The last measured lag of one read model (<c>catalog</c>, <c>orders</c>).</summary>
public sealed record ReadModelLagResponse(string Name, double LagMs)
{
    public static ReadModelLagResponse From(ReadModelLag lag) => new(lag.Name, OperationsResponse.Milliseconds(lag.Lag));
}

/// <summary>The open dead letters: how many, and the newest (as <c>GET /api/admin/dead-letters</c> shows them), newest first.</summary>
public sealed record DeadLettersResponse(int Open, IReadOnlyList<DeadLetterResponse> Latest);

/// <summary>A hot SKU: its reservations lately, and its numbers as <c>GET /api/admin/inventory/{sku}</c> shows them.</summary>
public sealed record HotSkuResponse(string Sku, long Reservations, int Stock, int Reserved, int Sold, int Available);

/// <summary>One point of the history charts.</summary>
public sealed record OperationsSampleResponse(
    DateTimeOffset At,
    double EventsPerSecond,
    double MaxQueueLagMs,
    double ReadModelLagMs,
    int DeadLetters,
    int StuckSagas,
    IReadOnlyDictionary<string, long> OrdersByStatus)
{
    public static OperationsSampleResponse From(OperationsSample sample) => new(
        sample.At,
        OperationsResponse.Rounded(sample.EventsPerSecond),
        OperationsResponse.Milliseconds(sample.MaxQueueLag),
        OperationsResponse.Milliseconds(sample.ReadModelLag),
        sample.DeadLetters,
        sample.StuckSagas,
        OperationsResponse.ByStatus(sample.OrdersByStatus));
}
