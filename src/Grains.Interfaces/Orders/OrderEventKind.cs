using System.Text.Json.Serialization;

namespace Shop.Grains.Interfaces.Orders;

/// <summary>The lines of an order's journal, each a step of its saga (most of them also a step of its history). Stored by name.</summary>
[GenerateSerializer]
[JsonConverter(typeof(JsonStringEnumConverter<OrderEventKind>))]
public enum OrderEventKind
{
    /// <summary>The order's lines and prices are fixed and its SKUs are about to be reserved.</summary>
    PlacementStarted,
    /// <summary>A SKU refused its line; nothing is reserved and no order exists.</summary>
    PlacementRefused,
    /// <summary>The placement was interrupted before it committed; its reservations were released.</summary>
    PlacementAbandoned,
    /// <summary>Every line is reserved and the order is Pending: the buyer gets its 202. It is also the payment's request.</summary>
    Placed,
    PaymentSucceeded,
    PaymentFailed,
    /// <summary>The payment had no outcome within the hold: the order does not go ahead.</summary>
    PaymentHoldExpired,
    /// <summary>The buyer cancelled a Pending order.</summary>
    CancelRequested,
    InventoryConfirmed,
    Completed,
    InventoryReleased,
    Cancelled,
    /// <summary>A payment has to be given back: the buyer cancelled a Completed order, or the payment succeeded after the order was cancelled.</summary>
    RefundRequested,
    PaymentRefunded,
    /// <summary>A refunded order's sold units are back in stock.</summary>
    InventoryReturned,
    Refunded,
    /// <summary>Paid, but a SKU no longer held the order's units: the order does not go ahead, and its payment is given back.</summary>
    InventoryUnavailable,
    /// <summary>
    /// A placement that did not finish is given up, before anything it reserved is released: committed first, so that an
    /// activation that lost the journal to another one cannot undo a placement the other one finished.
    /// </summary>
    PlacementGivenUp,
}
