namespace Shop.Grains.Interfaces.Orders;

/// <summary>One step of an order's saga as its history shows it (API.md: <c>{ step, at }</c>), e.g. <c>PaymentSucceeded</c>.</summary>
[GenerateSerializer, Immutable, Alias("shop.OrderHistoryStep")]
public sealed record OrderHistoryStep(
    [property: Id(0)] string Step,
    [property: Id(1)] DateTimeOffset At);
