using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Shop.Gateway.Tests.Hosting;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Payments;
using Shop.Journaling;
using Shop.Streaming;
using static Shop.Gateway.Tests.Catalog.CatalogApi;
using static Shop.Gateway.Tests.Orders.OrderApi;

namespace Shop.Gateway.Tests.Orders;

/// <summary>
/// API.md, Orders, end to end over HTTP: the saga settles every order by itself through the streams (reserve, pay,
/// confirm, or release), with the payment simulator's tokens, idempotency keys, cancellation in each state, and the
/// buyer's order list from the read model. Run on SQLite, on MariaDB, and on MariaDB with Kafka streams.
/// </summary>
public abstract class OrderSagaTests<TShop>(TShop shop) where TShop : OrderShop
{
    protected TShop Shop { get; } = shop;

    [Fact]
    public async Task A_paid_order_completes_and_its_stock_is_sold()
    {
        var (sku, price) = (await NewSkuAsync(stock: 10), 12_000m);
        var (_, buyer) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();

        var orderId = await PlaceAcceptedAsync(buyer, "tok_ok", (sku, 3));
        var order = await WaitForAsync(buyer, orderId, "Completed");

        Assert.Equal(3 * price, order.GetProperty("totalAmount").GetProperty("amount").GetDecimal());
        Assert.Equal(price, order.GetProperty("items")[0].GetProperty("unitPrice").GetProperty("amount").GetDecimal());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("paymentToken").ValueKind);
        Assert.Equal(["Placed", "Reserved", "PaymentRequested", "PaymentSucceeded", "InventoryConfirmed", "Completed"], Steps(order));
        Assert.Equal((7, 0, 3), await InventoryAsync(admin, sku));
    }

    [Fact]
    public async Task A_declined_payment_cancels_the_order_and_releases_its_stock()
    {
        var sku = await NewSkuAsync(stock: 10);
        var (_, buyer) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();

        var orderId = await PlaceAcceptedAsync(buyer, "tok_decline", (sku, 4));
        var order = await WaitForAsync(buyer, orderId, "Cancelled");

        Assert.Equal("payment-declined", order.GetProperty("failureReason").GetString());
        Assert.Equal(["Placed", "Reserved", "PaymentRequested", "PaymentFailed", "InventoryReleased", "Cancelled"], Steps(order));
        Assert.Equal((10, 0, 0), await InventoryAsync(admin, sku));

        // Any token the simulator does not know is declined too.
        var unknown = await PlaceAcceptedAsync(buyer, "tok_whatever", (sku, 1));
        Assert.Equal("payment-declined", (await WaitForAsync(buyer, unknown, "Cancelled")).GetProperty("failureReason").GetString());
    }

    [Fact]
    public async Task A_transient_payment_error_is_retried_and_the_order_completes()
    {
        var sku = await NewSkuAsync(stock: 5);
        var (_, buyer) = await Shop.NewUserClientAsync();

        var orderId = await PlaceAcceptedAsync(buyer, "tok_error_then_ok", (sku, 1));
        await WaitForAsync(buyer, orderId, "Completed");

        var payment = await Shop.Grains.GetGrain<IPaymentGrain>(orderId).GetAsync();
        Assert.Equal((PaymentStatus.Succeeded, 2), (payment.Status, payment.Attempts));
    }

    [Fact]
    public async Task A_timed_out_payment_is_not_assumed_failed_and_a_status_check_finds_it_paid()
    {
        var sku = await NewSkuAsync(stock: 5);
        var (_, buyer) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();

        var orderId = await PlaceAcceptedAsync(buyer, "tok_timeout_then_ok", (sku, 2));
        var order = await WaitForAsync(buyer, orderId, "Completed");

        var payment = await Shop.Grains.GetGrain<IPaymentGrain>(orderId).GetAsync();
        Assert.Equal((PaymentStatus.Succeeded, 1), (payment.Status, payment.Attempts));
        Assert.True(payment.StatusChecks >= 1);
        Assert.DoesNotContain("PaymentFailed", Steps(order));
        Assert.Equal((3, 0, 2), await InventoryAsync(admin, sku));
    }

    [Fact]
    public async Task Refused_orders_reserve_nothing_and_answer_with_the_codes_of_the_contract()
    {
        var plenty = await NewSkuAsync(stock: 100);
        var scarce = await NewSkuAsync(stock: 2);
        var limited = await NewSkuAsync(stock: 100, perUserLimit: 2);
        var (_, buyer) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();

        var problem = await ProblemAssert.IsAsync(await PlaceAsync(buyer, "tok_ok", null, (plenty, 5), (scarce, 3)), HttpStatusCode.Conflict, "out-of-stock");
        Assert.Contains(scarce, problem.GetProperty("detail").GetString());
        await ProblemAssert.IsAsync(await PlaceAsync(buyer, "tok_ok", null, (plenty, 5), (limited, 3)), HttpStatusCode.Conflict, "purchase-limit-exceeded");
        await ProblemAssert.IsAsync(await PlaceAsync(buyer, "tok_ok", null, (plenty, 5), ("NO-SUCH-SKU", 1)), HttpStatusCode.UnprocessableEntity, "unknown-sku");

        Assert.Equal((100, 0, 0), await InventoryAsync(admin, plenty));
        Assert.Equal((2, 0, 0), await InventoryAsync(admin, scarce));
        Assert.Equal((100, 0, 0), await InventoryAsync(admin, limited));

        await ProblemAssert.IsValidationOfAsync(await PlaceAsync(buyer, "tok_ok", null), "items");
        await ProblemAssert.IsValidationOfAsync(await PlaceAsync(buyer, "tok_ok", null, (plenty, 0)), "items[0].quantity");
        await ProblemAssert.IsValidationOfAsync(await PlaceAsync(buyer, "tok_ok", null, (plenty, 1001)), "items[0].quantity");
        await ProblemAssert.IsValidationOfAsync(await PlaceAsync(buyer, "", null, (plenty, 1)), "paymentToken");
        await ProblemAssert.IsValidationOfAsync(await PlaceAsync(buyer, "tok_ok", new string('k', 101), (plenty, 1)), "Idempotency-Key");
        await ProblemAssert.IsAsync(await Shop.CreateApiClient().PostAsJsonAsync("/api/orders", new { items = new[] { new { sku = plenty, quantity = 1 } }, paymentToken = "tok_ok" }), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task An_idempotency_key_places_one_order_even_when_repeated_at_once()
    {
        var sku = await NewSkuAsync(stock: 50);
        var (_, buyer) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PlaceAsync(buyer, "tok_ok", key, (sku, 2))));
        var ids = await Task.WhenAll(answers.Select(AcceptedAsync));
        Assert.Single(ids.Distinct());
        await WaitForAsync(buyer, ids[0], "Completed");
        Assert.Equal((48, 0, 2), await InventoryAsync(admin, sku));

        // The same key later, same body: the same order again. Another body: refused, and nothing reserved.
        Assert.Equal(ids[0], await AcceptedAsync(await PlaceAsync(buyer, "tok_ok", key, (sku, 2))));
        await ProblemAssert.IsAsync(await PlaceAsync(buyer, "tok_ok", key, (sku, 3)), HttpStatusCode.UnprocessableEntity, "idempotency-key-reuse");
        Assert.Equal((48, 0, 2), await InventoryAsync(admin, sku));

        // Keys belong to their user: another buyer's same key is another order.
        var (_, other) = await Shop.NewUserClientAsync();
        Assert.NotEqual(ids[0], await AcceptedAsync(await PlaceAsync(other, "tok_ok", key, (sku, 2))));
    }

    [Fact]
    public async Task Buyers_see_only_their_own_orders_and_the_administrator_sees_every_one()
    {
        var sku = await NewSkuAsync(stock: 50);
        var (_, buyer) = await Shop.NewUserClientAsync();
        var (_, other) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();

        var first = await PlaceAcceptedAsync(buyer, "tok_ok", (sku, 1));
        var second = await PlaceAcceptedAsync(buyer, "tok_decline", (sku, 1));
        await WaitForAsync(buyer, first, "Completed");
        await WaitForAsync(buyer, second, "Cancelled");

        await ProblemAssert.IsAsync(await other.GetAsync($"/api/orders/{first}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsAsync(await other.PostAsync($"/api/orders/{first}/cancel", null), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsAsync(await buyer.GetAsync("/api/orders/not-an-order"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsAsync(await buyer.GetAsync($"/api/orders/{Guid.NewGuid():N}"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal("Completed", (await GetAsync(admin, first)).GetProperty("status").GetString());

        // The list comes from the read model, fed by the order events: newest first, only the buyer's own.
        var list = await EventuallyAsync(buyer, "/api/orders?page=1&pageSize=10", body =>
            body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()).SequenceEqual(["Cancelled", "Completed"]));
        Assert.Equal([second, first], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()!).ToArray());
        Assert.Equal(2, list.GetProperty("total").GetInt64());
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/orders")).GetProperty("total").GetInt64());
        await ProblemAssert.IsValidationOfAsync(await buyer.GetAsync("/api/orders?pageSize=0"), "pageSize");
    }

    [Fact]
    public async Task Cancelling_a_completed_order_refunds_it_and_returns_its_stock()
    {
        var sku = await NewSkuAsync(stock: 10);
        var (_, buyer) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();
        var orderId = await PlaceAcceptedAsync(buyer, "tok_ok", (sku, 2));
        await WaitForAsync(buyer, orderId, "Completed");

        Assert.Equal(HttpStatusCode.Accepted, (await buyer.PostAsync($"/api/orders/{orderId}/cancel", null)).StatusCode);
        var order = await WaitForAsync(buyer, orderId, "Refunded");

        Assert.Equal(["RefundRequested", "PaymentRefunded", "InventoryReturned", "Refunded"], Steps(order)[^4..]);
        Assert.Equal((10, 0, 0), await InventoryAsync(admin, sku));
        Assert.Equal(PaymentStatus.Refunded, (await Shop.Grains.GetGrain<IPaymentGrain>(orderId).GetAsync()).Status);

        // Cancelling a settled order again changes nothing.
        Assert.Equal(HttpStatusCode.Accepted, (await buyer.PostAsync($"/api/orders/{orderId}/cancel", null)).StatusCode);
        Assert.Equal("Refunded", (await GetAsync(buyer, orderId)).GetProperty("status").GetString());
        var cancelled = await PlaceAcceptedAsync(buyer, "tok_decline", (sku, 1));
        await WaitForAsync(buyer, cancelled, "Cancelled");
        Assert.Equal(HttpStatusCode.Accepted, (await buyer.PostAsync($"/api/orders/{cancelled}/cancel", null)).StatusCode);
        Assert.Equal("payment-declined", (await GetAsync(buyer, cancelled)).GetProperty("failureReason").GetString());
    }

    [Fact]
    public async Task Cancelling_a_pending_order_releases_its_stock_and_a_payment_that_arrives_later_is_refunded()
    {
        var sku = await NewSkuAsync(stock: 10);
        var (_, buyer) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();
        var orderId = await PlaceAcceptedAsync(buyer, HeldPaymentGateway.HeldToken, (sku, 3));
        await EventuallyAsync(() => Task.FromResult(Shop.Payments.IsWaiting(orderId)));

        var cancel = await buyer.PostAsync($"/api/orders/{orderId}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var order = await WaitForAsync(buyer, orderId, "Cancelled");
        Assert.Equal("cancelled-by-user", order.GetProperty("failureReason").GetString());
        Assert.Equal((10, 0, 0), await InventoryAsync(admin, sku));

        // The payment was already on its way: it succeeds after the cancel, and is given back. The order stays Cancelled.
        Shop.Payments.Release(orderId);
        order = await WaitForAsync(buyer, orderId, "Cancelled", o => Steps(o).Contains("PaymentRefunded"));
        Assert.Equal(PaymentStatus.Refunded, (await Shop.Grains.GetGrain<IPaymentGrain>(orderId).GetAsync()).Status);
        Assert.DoesNotContain("Completed", Steps(order));
        Assert.Equal((10, 0, 0), await InventoryAsync(admin, sku));
    }

    [Fact]
    public async Task Checkout_orders_the_cart_and_empties_it()
    {
        var first = await NewSkuAsync(stock: 10);
        var second = await NewSkuAsync(stock: 10);
        var (_, buyer) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();

        await ProblemAssert.IsValidationOfAsync(await buyer.PostAsJsonAsync("/api/cart/checkout", new { paymentToken = "tok_ok" }), "items");
        await buyer.PutAsJsonAsync($"/api/cart/items/{first}", new { quantity = 2 });
        await buyer.PutAsJsonAsync($"/api/cart/items/{second}", new { quantity = 1 });
        await ProblemAssert.IsValidationOfAsync(await buyer.PostAsJsonAsync("/api/cart/checkout", new { }), "paymentToken");

        var orderId = await AcceptedAsync(await buyer.PostAsJsonAsync("/api/cart/checkout", new { paymentToken = "tok_ok" }));
        var order = await WaitForAsync(buyer, orderId, "Completed");

        Assert.Equal(2, order.GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await buyer.GetFromJsonAsync<JsonElement>("/api/cart")).GetProperty("items").GetArrayLength());
        Assert.Equal((8, 0, 2), await InventoryAsync(admin, first));
        Assert.Equal((9, 0, 1), await InventoryAsync(admin, second));
    }

    [Fact]
    public async Task A_flash_sale_sells_exactly_the_stock_within_each_buyers_limit()
    {
        // API.md's flash sale: stock 100, two per buyer, 150 buyers each placing three orders at once.
        var sku = await NewSkuAsync(stock: 100, perUserLimit: 2);
        using var admin = await Shop.AdminClientAsync();
        var buyers = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => Shop.NewUserClientAsync()));

        var answers = await Task.WhenAll(buyers.SelectMany(b => Enumerable.Range(0, 3).Select(_ => PlaceAsync(b.Client, "tok_ok", null, (sku, 1)))));

        var accepted = answers.Where(a => a.StatusCode == HttpStatusCode.Accepted).ToList();
        Assert.Equal(100, accepted.Count);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Accepted))
        {
            var code = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();
            Assert.Contains(code, new[] { "out-of-stock", "purchase-limit-exceeded" });
        }

        var ids = await Task.WhenAll(accepted.Select(AcceptedAsync));
        foreach (var id in ids)
        {
            await WaitForAsync(admin, id, "Completed");
        }

        Assert.Equal((0, 0, 100), await InventoryAsync(admin, sku));
        foreach (var (_, client) in buyers)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Delivering_every_saga_event_again_changes_nothing()
    {
        var sku = await NewSkuAsync(stock: 10);
        var (_, buyer) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();
        var orderId = await PlaceAcceptedAsync(buyer, "tok_error_then_ok", (sku, 2));
        await WaitForAsync(buyer, orderId, "Completed");
        var before = (await Shop.Grains.GetGrain<IOrderGrain>(orderId).GetAsync())!;

        // Every event of the order and of its payment, published again with its own id, as an at-least-once stream may.
        await RedeliverAsync<OrderEvent>(GrainId.Create("order", orderId), OrderStreams.Orders, orderId);
        await RedeliverAsync<PaymentEvent>(GrainId.Create("payment", orderId), OrderStreams.Payments, orderId);

        // The refund travels both streams behind the copies, so once the order is Refunded every copy has been handled.
        Assert.Equal(HttpStatusCode.Accepted, (await buyer.PostAsync($"/api/orders/{orderId}/cancel", null)).StatusCode);
        var order = await WaitForAsync(buyer, orderId, "Refunded");

        Assert.Equal([.. before.History.Select(h => h.Step), "RefundRequested", "PaymentRefunded", "InventoryReturned", "Refunded"], Steps(order));
        Assert.Equal(before.Version + 4, (await Shop.Grains.GetGrain<IOrderGrain>(orderId).GetAsync())!.Version);
        var payment = await Shop.Grains.GetGrain<IPaymentGrain>(orderId).GetAsync();
        Assert.Equal((PaymentStatus.Refunded, 2), (payment.Status, payment.Attempts));
        Assert.Equal((10, 0, 0), await InventoryAsync(admin, sku));
    }

    [Fact]
    public async Task A_placement_that_never_finished_is_abandoned_and_its_id_never_holds_stock_again()
    {
        // A release the dead placement sent could still be on its way to the SKU.
        var sku = await NewSkuAsync(stock: 10);
        var (user, buyer) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();
        var orderId = await PlacementThatDiedAfterReservingAsync(sku, user.UserId);
        var stockOfSku = Shop.Grains.GetGrain<ISkuGrain>(sku);

        // Asked again, the order does not take up the placement (a late release would undo it after the 202): it gives
        // the stock back and says it was abandoned, so that its caller places the order under a new id.
        var again = new PlaceOrder(user.UserId.ToString(), [new OrderLine(sku, 1)], "tok_ok");
        await Assert.ThrowsAsync<OrderPlacementAbandonedException>(() => Shop.Grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(again));
        await Assert.ThrowsAsync<OrderPlacementAbandonedException>(() => Shop.Grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(again));
        Assert.Equal(SkuOrderStatus.Released, await stockOfSku.GetOrderStatusAsync(orderId));
        Assert.Equal(ReservationStatus.OrderClosed, (await stockOfSku.ReserveAsync(orderId, user.UserId.ToString(), 1)).Status);
        Assert.Equal((10, 0, 0), await InventoryAsync(admin, sku));
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync($"/api/orders/{orderId}")).StatusCode);
        Assert.Equal(
            [OrderEventKind.PlacementStarted, OrderEventKind.PlacementGivenUp, OrderEventKind.PlacementAbandoned],
            (await JournalOfAsync(orderId)).Select(e => e.Kind));
    }

    [Fact]
    public async Task An_activation_that_lost_the_journal_does_not_release_the_stock_of_a_placement_another_one_finished()
    {
        var sku = await NewSkuAsync(stock: 10);
        var (user, _) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();
        var orderId = await PlacementThatDiedAfterReservingAsync(sku, user.UserId);
        var stockOfSku = Shop.Grains.GetGrain<ISkuGrain>(sku);

        // This activation reads the placement as unfinished; then another one (on a silo going away) finishes it.
        var stale = Shop.Grains.GetGrain<IOrderGrain>(orderId);
        Assert.Equal(SagaStep.Placing, (await stale.GetAsync())!.Step);
        await Shop.Services.GetRequiredService<IJournalStorage>().AppendAsync(
            GrainId.Create("order", orderId), 1, [JournalJson.Serialize(new OrderEvent(OrderEventKind.Placed, orderId, DateTimeOffset.UtcNow))], null);

        // The stale activation gives the placement up and is fenced at that commit, before it releases anything.
        await Assert.ThrowsAsync<JournalFencedException>(() => stale.PlaceAsync(new PlaceOrder(user.UserId.ToString(), [new OrderLine(sku, 1)], "tok_ok")));
        Assert.Equal(SkuOrderStatus.Reserved, await stockOfSku.GetOrderStatusAsync(orderId));
        Assert.Equal((10, 1, 0), await InventoryAsync(admin, sku));
        Assert.Equal([OrderEventKind.PlacementStarted, OrderEventKind.Placed], (await JournalOfAsync(orderId)).Select(e => e.Kind));
    }

    [Fact]
    public async Task A_paid_order_whose_stock_is_no_longer_held_is_cancelled_and_its_payment_refunded()
    {
        var (lost, kept) = (await NewSkuAsync(stock: 10), await NewSkuAsync(stock: 10));
        var (_, buyer) = await Shop.NewUserClientAsync();
        using var admin = await Shop.AdminClientAsync();
        var orderId = await PlaceAcceptedAsync(buyer, HeldPaymentGateway.HeldToken, (lost, 2), (kept, 3));
        await EventuallyAsync(() => Task.FromResult(Shop.Payments.IsWaiting(orderId)));

        // Only the order itself releases its reservations; a release reaching a SKU that should not (a defect) must not
        // end in an order that is Completed while the SKU sold it nothing.
        var released = await Shop.Grains.GetGrain<ISkuGrain>(lost).ReleaseAsync(orderId, "a release that should never come");
        Assert.Equal(SkuOrderChangeOutcome.Applied, released.Outcome);
        Shop.Payments.Release(orderId);

        var order = await WaitForAsync(buyer, orderId, "Cancelled", o => Steps(o).Contains("PaymentRefunded"));
        Assert.Equal("inventory-unavailable", order.GetProperty("failureReason").GetString());
        Assert.DoesNotContain("Completed", Steps(order));
        Assert.Equal(["PaymentSucceeded", "InventoryUnavailable", "RefundRequested", "InventoryReleased", "Cancelled", "PaymentRefunded"], Steps(order)[3..]);
        Assert.Equal(PaymentStatus.Refunded, (await Shop.Grains.GetGrain<IPaymentGrain>(orderId).GetAsync()).Status);
        Assert.Equal((10, 0, 0), await InventoryAsync(admin, lost));
        Assert.Equal((10, 0, 0), await InventoryAsync(admin, kept));
    }

    /// <summary>
    /// A placement of one unit of <paramref name="sku"/> whose activation died after it had reserved: its journal ends at
    /// PlacementStarted, and its reservation is at the SKU. Returns the order id.
    /// </summary>
    private async Task<string> PlacementThatDiedAfterReservingAsync(string sku, Guid userId)
    {
        var orderId = OrderIds.New();
        var started = new OrderEvent(OrderEventKind.PlacementStarted, orderId, DateTimeOffset.UtcNow)
        {
            UserId = userId.ToString(),
            Items = [new OrderItem(sku, 1, new Money(12_000m, "KRW"))],
            Total = new Money(12_000m, "KRW"),
            PaymentToken = "tok_ok",
            HoldUntil = DateTimeOffset.UtcNow.AddMinutes(15),
        };
        await Shop.Services.GetRequiredService<IJournalStorage>().AppendAsync(GrainId.Create("order", orderId), 0, [JournalJson.Serialize(started)], null);
        var reserved = await Shop.Grains.GetGrain<ISkuGrain>(sku).ReserveAsync(orderId, userId.ToString(), 1);
        Assert.Equal(ReservationStatus.Reserved, reserved.Status);
        return orderId;
    }

    private async Task<IReadOnlyList<OrderEvent>> JournalOfAsync(string orderId) =>
        [.. (await Shop.Services.GetRequiredService<IJournalStorage>().ReadEntriesAsync(GrainId.Create("order", orderId), afterVersion: 0))
            .Select(e => JournalJson.Deserialize<OrderEvent>(e.Payload)!)];

    private async Task RedeliverAsync<TEvent>(GrainId producer, string streamNamespace, string key)
    {
        var journal = Shop.Services.GetRequiredService<IJournalStorage>();
        var stream = Shop.Services.GetRequiredService<IClusterClient>().GetStreamProvider(StreamNames.Provider)
            .GetStream<StreamEvent>(StreamId.Create(streamNamespace, key));
        var entries = await journal.ReadEntriesAsync(producer, afterVersion: 0);
        Assert.NotEmpty(entries);
        var source = producer.ToString();
        foreach (var entry in entries)
        {
            await stream.OnNextAsync(new StreamEvent(StreamEvent.IdOf(source, entry.Version), source, entry.Version, entry.RecordedAt, JournalJson.Deserialize<TEvent>(entry.Payload)!));
        }
    }

    private Task<string> NewSkuAsync(int stock, int? perUserLimit = null) => NewSkuAsync(Shop, stock, perUserLimit);

    internal static async Task<string> NewSkuAsync(ShopApiFactory shop, int stock, int? perUserLimit = null)
    {
        using var admin = await shop.AdminClientAsync();
        var category = await CreateCategoryAsync(admin, "Orders");
        var sku = NewSku("ORD");
        await CreateProductAsync(admin, Product("Item " + sku, "Brand", [category], (sku, 12_000m, stock)));
        if (perUserLimit is { } limit)
        {
            var set = await admin.PutAsJsonAsync($"/api/admin/inventory/{sku}", new { perUserLimit = limit });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        return sku;
    }

    private static async Task<JsonElement> EventuallyAsync(HttpClient client, string url, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var body = await client.GetFromJsonAsync<JsonElement>(url);
            if (done(body))
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{url} never reached the expected state; last answer: {body}");
            }

            await Task.Delay(100);
        }
    }

    internal static async Task EventuallyAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The expected state was never reached.");
            }

            await Task.Delay(50);
        }
    }
}

public sealed class OrderSagaOnSqlite(SqliteOrderShop shop) : OrderSagaTests<SqliteOrderShop>(shop), IClassFixture<SqliteOrderShop>;

public sealed class OrderSagaOnMySql(MySqlOrderShop shop) : OrderSagaTests<MySqlOrderShop>(shop), IClassFixture<MySqlOrderShop>;

public sealed class OrderSagaOnKafka(KafkaOrderShop shop) : OrderSagaTests<KafkaOrderShop>(shop), IClassFixture<KafkaOrderShop>;
