namespace Shop.Grains.Interfaces.Orders;

/// <summary>No order was ever placed under this id.</summary>
[GenerateSerializer, Alias("shop.OrderNotFoundException")]
public sealed class OrderNotFoundException(string orderId) : Exception($"There is no order {orderId}.")
{
    [Id(0)]
    public string OrderId { get; } = orderId;
}
