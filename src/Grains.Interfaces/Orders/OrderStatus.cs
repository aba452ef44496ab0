namespace Shop.Grains.Interfaces.Orders;

/// <summary>Where an order stands for its buyer (API.md, Orders).</summary>
[GenerateSerializer]
public enum OrderStatus
{
    Pending,
    Completed,
    Cancelled,
    Refunded,
}
