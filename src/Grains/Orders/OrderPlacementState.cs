namespace Shop.Grains.Orders;

/// <summary>What an idempotency key stands for: the order id it placed (or is placing), and the request's fingerprint.</summary>
[GenerateSerializer]
public sealed class OrderPlacementState
{
    [Id(0)] public string? OrderId { get; set; }
    [Id(1)] public string Fingerprint { get; set; } = "";
}
