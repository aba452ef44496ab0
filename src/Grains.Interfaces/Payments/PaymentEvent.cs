using System.Text.Json.Serialization;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Interfaces.Payments;

/// <summary>
/// One line of a payment's journal (key: the order id), and the event the order receives on the
/// <see cref="OrderStreams.Payments"/> stream. <see cref="Handled"/> names the order event a line answers.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.PaymentEvent")]
public sealed record PaymentEvent(
    [property: Id(0)] PaymentEventKind Kind,
    [property: Id(1)] string OrderId,
    [property: Id(2)] DateTimeOffset At)
{
    [Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Money? Amount { get; init; }

    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PaymentToken { get; init; }

    /// <summary>Why a payment failed, e.g. <c>payment-declined</c>.</summary>
    [Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    [Id(6)]
    public int Attempts { get; init; }

    [Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HandledEvent? Handled { get; init; }
}
