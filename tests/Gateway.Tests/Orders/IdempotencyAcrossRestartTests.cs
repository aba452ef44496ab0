using System.Net;
using Shop.Gateway.Tests.Hosting;
using Shop.TestKit;
using static Shop.Gateway.Tests.Orders.OrderApi;

namespace Shop.Gateway.Tests.Orders;

/// <summary>An idempotency key keeps naming its order after the silo is stopped and started again on the same storage.</summary>
public sealed class IdempotencyAcrossRestartTests
{
    [Theory]
    [InlineData(ShopStorage.Sqlite)]
    [InlineData(ShopStorage.MySql)]
    public async Task A_repeated_key_finds_its_order_after_a_restart(ShopStorage storage)
    {
        var directory = TempDirectory.Create("idempotency-restart");
        await using var database = storage == ShopStorage.MySql ? await MySqlTestDatabase.CreateAsync() : null;
        try
        {
            var key = Guid.NewGuid().ToString();
            string sku, orderId;
            RegisteredUser buyer;
            await using (var first = new OrderShop(storage, dataDirectory: directory, database: database))
            {
                await first.StartAsync();
                sku = await OrderSagaTests<OrderShop>.NewSkuAsync(first, stock: 10);
                buyer = await first.RegisterAsync();
                using var client = await first.SignInAsync(buyer);
                orderId = await AcceptedAsync(await PlaceAsync(client, "tok_ok", key, (sku, 2)));
                await WaitForAsync(client, orderId, "Completed");
            }

            await using var again = new OrderShop(storage, dataDirectory: directory, database: database);
            await again.StartAsync();
            using var buyerAgain = await again.SignInAsync(buyer);
            using var admin = await again.AdminClientAsync();

            Assert.Equal(orderId, await AcceptedAsync(await PlaceAsync(buyerAgain, "tok_ok", key, (sku, 2))));
            await ProblemAssert.IsAsync(await PlaceAsync(buyerAgain, "tok_ok", key, (sku, 1)), HttpStatusCode.UnprocessableEntity, "idempotency-key-reuse");
            Assert.Equal((8, 0, 2), await InventoryAsync(admin, sku));
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
