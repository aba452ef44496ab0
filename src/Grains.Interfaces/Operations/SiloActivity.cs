namespace Shop.Grains.Interfaces.Operations;

/// <summary>What one silo reports to <see cref="IOperationsGrain"/>.</summary>
/// <param name="Silo">The silo's address.</param>
/// <param name="Queues">What its stream consumers handled, per queue.</param>
/// <param name="ReadModels">The last lag each read model's projection measured on this silo.</param>
/// <param name="HotSkus">Its SKUs with the most reservations lately, most first.</param>
[GenerateSerializer, Immutable, Alias("shop.SiloActivity")]
public sealed record SiloActivity(
    [property: Id(0)] string Silo,
    [property: Id(1)] IReadOnlyList<QueueActivity> Queues,
    [property: Id(2)] IReadOnlyList<ReadModelLag> ReadModels,
    [property: Id(3)] IReadOnlyList<SkuReservations> HotSkus);
