using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Interfaces.Operations;

/// <summary>The cluster's operations figures as <see cref="IOperationsGrain"/> holds them at one moment.</summary>
/// <param name="TakenAt">When.</param>
/// <param name="Silos">Silos that reported within the silence limit.</param>
/// <param name="EventsPerSecond">Events handled per second by the stream consumers of those silos, summed.</param>
/// <param name="Queues">Per queue, summed over those silos; ordered by queue.</param>
/// <param name="ReadModels">The latest lag measured for each read model, on any of those silos.</param>
/// <param name="OrdersByStatus">Placed orders in each status, as of the latest sample.</param>
/// <param name="HotSkus">The SKUs with the most reservations lately, over those silos, most first.</param>
/// <param name="History">The samples of the history window, oldest first.</param>
[GenerateSerializer, Immutable, Alias("shop.OperationsSnapshot")]
public sealed record OperationsSnapshot(
    [property: Id(0)] DateTimeOffset TakenAt,
    [property: Id(1)] int Silos,
    [property: Id(2)] double EventsPerSecond,
    [property: Id(3)] IReadOnlyList<QueueActivity> Queues,
    [property: Id(4)] IReadOnlyList<ReadModelLag> ReadModels,
    [property: Id(5)] IReadOnlyDictionary<OrderStatus, long> OrdersByStatus,
    [property: Id(6)] IReadOnlyList<SkuReservations> HotSkus,
    [property: Id(7)] IReadOnlyList<OperationsSample> History);
