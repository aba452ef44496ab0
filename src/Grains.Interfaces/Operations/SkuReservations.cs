namespace Shop.Grains.Interfaces.Operations;

/// <summary>How many reservations a SKU took within the hot-SKU window (the last few minutes).</summary>
[GenerateSerializer, Immutable, Alias("shop.SkuReservations")]
public sealed record SkuReservations(
    [property: Id(0)] string Sku,
    [property: Id(1)] long Reservations);
