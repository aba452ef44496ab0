using System.Net;
using Shop.Gateway.Tests.Hosting;
using Shop.Grains.Interfaces.Payments;
using static Shop.Gateway.Tests.Orders.OrderApi;

namespace Shop.Gateway.Tests.Orders;

/// <summary>
/// The payment hold: a Pending order whose payment has no outcome when the hold ends is cancelled by the saga
/// supervisor and its stock released; a payment that succeeds after that is refunded.
/// </summary>
public sealed class PaymentHoldTests
{
    [Theory]
    [InlineData(ShopStorage.Sqlite)]
    [InlineData(ShopStorage.MySql)]
    public async Task An_order_without_a_payment_outcome_is_cancelled_when_the_hold_ends_and_a_late_payment_is_refunded(ShopStorage storage)
    {
        await using var shop = new OrderShop(storage, paymentHold: TimeSpan.FromSeconds(3));
        await shop.StartAsync();
        var sku = await OrderSagaTests<OrderShop>.NewSkuAsync(shop, stock: 10);
        var (_, buyer) = await shop.NewUserClientAsync();
        using var admin = await shop.AdminClientAsync();

        var orderId = await PlaceAcceptedAsync(buyer, HeldPaymentGateway.HeldToken, (sku, 4));
        Assert.Equal((10, 4, 0), await InventoryAsync(admin, sku));

        var order = await WaitForAsync(buyer, orderId, "Cancelled");
        Assert.Equal("payment-hold-expired", order.GetProperty("failureReason").GetString());
        Assert.Equal(["Placed", "Reserved", "PaymentRequested", "PaymentHoldExpired", "InventoryReleased", "Cancelled"], Steps(order));
        Assert.Equal((10, 0, 0), await InventoryAsync(admin, sku));

        shop.Payments.Release(orderId);
        order = await WaitForAsync(buyer, orderId, "Cancelled", o => Steps(o).Contains("PaymentRefunded"));
        Assert.Equal(PaymentStatus.Refunded, (await shop.Grains.GetGrain<IPaymentGrain>(orderId).GetAsync()).Status);
        Assert.Equal((10, 0, 0), await InventoryAsync(admin, sku));
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync($"/api/orders/{orderId}")).StatusCode);
    }
}
