using System.Text.Json.Serialization;

namespace Shop.Grains.Interfaces.Orders;

/// <summary>
/// Where an order's saga stands, finer than <see cref="OrderStatus"/>: the steps in which the order itself has work to
/// finish (<see cref="Placing"/>, <see cref="AbandoningPlacement"/>, <see cref="ConfirmingStock"/>, <see cref="ReleasingStock"/>,
/// <see cref="ReturningStock"/>)
/// are resumed by the saga supervisor when they do not move on by themselves.
/// </summary>
[GenerateSerializer]
[JsonConverter(typeof(JsonStringEnumConverter<SagaStep>))]
public enum SagaStep
{
    /// <summary>No order with this id.</summary>
    None,
    /// <summary>Its lines are being reserved; the buyer has no answer yet.</summary>
    Placing,
    /// <summary>The placement was interrupted before it committed; whatever it reserved was released. Never shown to anyone.</summary>
    Abandoned,
    /// <summary>Reserved and committed, waiting for the payment's outcome.</summary>
    AwaitingPayment,
    /// <summary>Paid; its reservations are being turned into sales.</summary>
    ConfirmingStock,
    /// <summary>Not going ahead (payment failed, hold expired, cancelled, or paid but its stock was gone); what it holds is being given back.</summary>
    ReleasingStock,
    Completed,
    Cancelled,
    /// <summary>Completed and cancelled by its buyer: waiting for the payment to be refunded.</summary>
    AwaitingRefund,
    /// <summary>Refunded; its sold units are being returned to stock.</summary>
    ReturningStock,
    Refunded,
    /// <summary>A placement that did not finish was given up; whatever it reserved is being released. Never shown to anyone.</summary>
    AbandoningPlacement,
}
