using System.Text.Json.Serialization;
using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Interfaces.Orders;

/// <summary>
/// One line of an order's journal, and the event consumers of the <see cref="OrderStreams.Orders"/> stream receive (in
/// order per order). <see cref="UserId"/>, <see cref="Items"/> and <see cref="PaymentToken"/> come with
/// <see cref="OrderEventKind.PlacementStarted"/> and <see cref="OrderEventKind.Placed"/>, <see cref="Total"/> with those and
/// <see cref="OrderEventKind.RefundRequested"/>; <see cref="Reason"/> says why an order does not go ahead.
/// <see cref="HandledEventId"/> names the payment event a line answers, so that a redelivered one is recognized.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.OrderEvent")]
public sealed record OrderEvent(
    [property: Id(0)] OrderEventKind Kind,
    [property: Id(1)] string OrderId,
    [property: Id(2)] DateTimeOffset At)
{
    [Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserId { get; init; }

    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OrderItem>? Items { get; init; }

    [Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Money? Total { get; init; }

    [Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PaymentToken { get; init; }

    [Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    [Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? HoldUntil { get; init; }

    [Id(9), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HandledEvent? Handled { get; init; }
}

/// <summary>A stream event a journal line answers: its producer and version (see <c>Shop.Streaming.StreamEvent</c>).</summary>
[GenerateSerializer, Immutable, Alias("shop.HandledEvent")]
public sealed record HandledEvent(
    [property: Id(0)] string Source,
    [property: Id(1)] long Version);
