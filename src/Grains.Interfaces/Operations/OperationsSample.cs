using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Interfaces.Operations;

/// <summary>One point of the operations history, taken every few seconds by <see cref="IOperationsGrain"/>.</summary>
/// <param name="At">When it was taken.</param>
/// <param name="EventsPerSecond">Events handled per second by the cluster's stream consumers.</param>
/// <param name="MaxQueueLag">The largest lag of any queue's last handled event.</param>
/// <param name="ReadModelLag">The largest lag of the read models.</param>
/// <param name="DeadLetters">Open dead letters.</param>
/// <param name="StuckSagas">Orders whose saga has not moved for longer than the stuck limit.</param>
/// <param name="OrdersByStatus">Placed orders in each status, every status present.</param>
[GenerateSerializer, Immutable, Alias("shop.OperationsSample")]
public sealed record OperationsSample(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] double EventsPerSecond,
    [property: Id(2)] TimeSpan MaxQueueLag,
    [property: Id(3)] TimeSpan ReadModelLag,
    [property: Id(4)] int DeadLetters,
    [property: Id(5)] int StuckSagas,
    [property: Id(6)] IReadOnlyDictionary<OrderStatus, long> OrdersByStatus);
