namespace Shop.Grains.Interfaces.Inventory;

/// <summary>
/// The answer to reserving all lines of an order: either every line is reserved, or none is and
/// <see cref="FailedLine"/> says which one could not be.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.MultiSkuReservationResult")]
public sealed record MultiSkuReservationResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] IReadOnlyList<ReservationResult> Lines,
    [property: Id(2)] ReservationResult? FailedLine);
