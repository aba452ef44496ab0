namespace Shop.Grains.Interfaces.Inventory;

/// <summary>
/// The answer to reserving all lines of an order: either every line is reserved, or none is and
/// <see cref="FailedLine"/> says which one could not be.
/// </summary>
public sealed record MultiSkuReservationResult(bool Succeeded, IReadOnlyList<ReservationResult> Lines, ReservationResult? FailedLine);
