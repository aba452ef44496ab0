namespace Shop.Grains.Interfaces.Inventory;

[GenerateSerializer]
public enum SkuOrderChangeOutcome
{
    /// <summary>The change was made (and is durable).</summary>
    Applied,
    /// <summary>The order was already in the asked-for state: nothing changed.</summary>
    AlreadyApplied,
    /// <summary>
    /// This SKU had not seen the order: no stock changed. A release still closes the order here, so that a reservation
    /// of it arriving afterwards is refused (<see cref="ReservationStatus.OrderClosed"/>).
    /// </summary>
    UnknownOrder,
    /// <summary>The order is in a state the change does not apply to (e.g. releasing a confirmed order).</summary>
    NotApplicable,
}

/// <summary>The answer to confirm, release and refund.</summary>
[GenerateSerializer, Immutable, Alias("shop.SkuOrderChange")]
public sealed record SkuOrderChange(
    [property: Id(0)] string Sku,
    [property: Id(1)] string OrderId,
    [property: Id(2)] SkuOrderChangeOutcome Outcome,
    [property: Id(3)] SkuOrderStatus? Status);
