using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Shop.Gateway.Tests.Hosting;
using static Shop.Gateway.Tests.Orders.OrderApi;

namespace Shop.Gateway.Tests.Orders;

/// <summary>
/// A saga that does not move for longer than <c>Shop:Orders:StuckAfter</c> is reported by
/// <c>GET /api/admin/sagas?state=stuck</c> and logged at critical level; once it moves on it is no longer stuck.
/// </summary>
public sealed class StuckSagaTests
{
    [Fact]
    public async Task A_saga_that_does_not_move_is_reported_to_the_administrator_and_logged_as_critical()
    {
        await using var shop = new OrderShop(ShopStorage.Sqlite);
        shop.WithSetting("Shop:Orders:StuckAfter", "00:00:02");
        await shop.StartAsync();
        var sku = await OrderSagaTests<OrderShop>.NewSkuAsync(shop, stock: 10);
        var (_, buyer) = await shop.NewUserClientAsync();
        using var admin = await shop.AdminClientAsync();

        var orderId = await PlaceAcceptedAsync(buyer, HeldPaymentGateway.HeldToken, (sku, 1));
        var stuck = await StuckEventuallyAsync(admin, ids => ids.Contains(orderId));
        Assert.Equal("AwaitingPayment", stuck.EnumerateArray().Single(o => o.GetProperty("orderId").GetString() == orderId).GetProperty("step").GetString());
        await OrderSagaTests<OrderShop>.EventuallyAsync(() => Task.FromResult(shop.Logs.Lines.Any(l =>
            l.Level == LogLevel.Critical && l.EventId.Id == 620 && l.Message.Contains(orderId, StringComparison.Ordinal))));

        await ProblemAssert.IsAsync(await buyer.GetAsync("/api/admin/sagas?state=stuck"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsValidationOfAsync(await admin.GetAsync("/api/admin/sagas"), "state");

        shop.Payments.Release(orderId);
        await WaitForAsync(buyer, orderId, "Completed");
        await StuckEventuallyAsync(admin, ids => !ids.Contains(orderId));
    }

    private static async Task<JsonElement> StuckEventuallyAsync(HttpClient admin, Func<string[], bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var body = await admin.GetFromJsonAsync<JsonElement>("/api/admin/sagas?state=stuck");
            if (done([.. body.EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!)]))
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The stuck sagas never became as expected; last answer: {body}");
            }

            await Task.Delay(100);
        }
    }
}
