using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Shop.Gateway.Tests.Hosting;
using Shop.Gateway.Tests.Orders;
using Shop.Grains.Interfaces.Orders;
using Shop.Streaming;
using static Shop.Gateway.Tests.Orders.OrderApi;

namespace Shop.Gateway.Tests.Operations;

/// <summary>
/// <c>GET /api/admin/operations</c>, the figures of the commerce operations page, over HTTP on a real silo: the stream
/// queues' activity, read-model lags, orders by status, dead letters, stuck sagas, hot SKUs with their stock, and the
/// history. Only the administrator sees it.
/// </summary>
public abstract class OperationsSnapshotTests<TShop>(TShop shop) where TShop : OperationsShop
{
    private static readonly string[] Statuses = ["Pending", "Completed", "Cancelled", "Refunded"];

    protected TShop Shop { get; } = shop;

    [Fact]
    public async Task Only_the_administrator_sees_the_operations_figures()
    {
        var (_, user) = await Shop.NewUserClientAsync();
        await ProblemAssert.IsAsync(await user.GetAsync("/api/admin/operations"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsAsync(await Shop.CreateApiClient().GetAsync("/api/admin/operations"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Settled_orders_show_in_the_counts_the_hot_SKUs_the_queues_and_the_history()
    {
        using var admin = await Shop.AdminClientAsync();
        var before = await NothingPendingAsync(admin);
        var sku = await OrderSagaTests<OrderShop>.NewSkuAsync(Shop, stock: 20);
        var (_, buyer) = await Shop.NewUserClientAsync();

        var paid = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            paid.Add(await PlaceAcceptedAsync(buyer, "tok_ok", (sku, 1)));
        }

        var declined = await PlaceAcceptedAsync(buyer, "tok_decline", (sku, 2));
        foreach (var orderId in paid)
        {
            await WaitForAsync(buyer, orderId, "Completed");
        }

        await WaitForAsync(buyer, declined, "Cancelled");

        var snapshot = await SnapshotEventuallyAsync(admin, s =>
            Count(s, "Completed") == Count(before, "Completed") + 3 && Count(s, "Cancelled") == Count(before, "Cancelled") + 1 &&
            Count(s, "Pending") == 0 && HotSku(s, sku) is { } hot && hot.GetProperty("reservations").GetInt64() == 4);

        Assert.Equal(Statuses, snapshot.GetProperty("ordersByStatus").EnumerateObject().Select(p => p.Name));
        Assert.True(snapshot.GetProperty("silos").GetInt32() >= 1, snapshot.ToString());
        Assert.True(snapshot.GetProperty("eventsPerSecond").GetDouble() >= 0);
        Assert.True(snapshot.TryGetProperty("takenAt", out _));

        // The SKU's numbers are its grain's, as the inventory endpoint shows them: 3 sold, the declined 2 released.
        var hotSku = HotSku(snapshot, sku)!.Value;
        var inventory = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/inventory/{sku}");
        foreach (var figure in new[] { "stock", "reserved", "sold", "available" })
        {
            Assert.Equal(inventory.GetProperty(figure).GetInt32(), hotSku.GetProperty(figure).GetInt32());
        }

        Assert.Equal((17, 0, 3, 17), (hotSku.GetProperty("stock").GetInt32(), hotSku.GetProperty("reserved").GetInt32(), hotSku.GetProperty("sold").GetInt32(), hotSku.GetProperty("available").GetInt32()));

        // The queues are the stream provider's own (not the namespaces), and the saga's events were handled on them.
        var queues = snapshot.GetProperty("queues").EnumerateArray().ToList();
        Assert.Contains(queues, q => q.GetProperty("handled").GetInt64() > 0);
        Assert.All(queues, q =>
        {
            Assert.DoesNotContain(q.GetProperty("queue").GetString(), new[] { "orders", "payments", "products" });
            Assert.True(q.GetProperty("lagMs").GetDouble() >= 0 && q.GetProperty("eventsPerSecond").GetDouble() >= 0, q.ToString());
        });

        Assert.Equal(["catalog", "orders"], snapshot.GetProperty("readModels").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.All(snapshot.GetProperty("readModels").EnumerateArray(), r => Assert.True(r.GetProperty("lagMs").GetDouble() >= 0));

        var history = snapshot.GetProperty("history").EnumerateArray().ToList();
        Assert.NotEmpty(history);
        var at = history.Select(h => h.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(at.Order(), at);
        var latest = history[^1];
        Assert.Equal(Statuses, latest.GetProperty("ordersByStatus").EnumerateObject().Select(p => p.Name));
        Assert.Equal(Count(snapshot, "Completed"), latest.GetProperty("ordersByStatus").GetProperty("Completed").GetInt64());
        foreach (var figure in new[] { "eventsPerSecond", "maxQueueLagMs", "readModelLagMs" })
        {
            Assert.True(latest.GetProperty(figure).GetDouble() >= 0, latest.ToString());
        }
    }

    [Fact]
    public async Task Open_dead_letters_are_counted_and_the_newest_listed_first_until_discarded()
    {
        using var admin = await Shop.AdminClientAsync();
        var open = (await SnapshotAsync(admin)).GetProperty("deadLetters").GetProperty("open").GetInt32();
        var older = await AddDeadLetterAsync();
        var newer = await AddDeadLetterAsync();

        var snapshot = await SnapshotAsync(admin);
        var letters = snapshot.GetProperty("deadLetters");
        Assert.Equal(open + 2, letters.GetProperty("open").GetInt32());
        var latest = letters.GetProperty("latest").EnumerateArray().ToList();
        Assert.Equal([newer.Id, older.Id], latest.Take(2).Select(l => l.GetProperty("id").GetInt64()));
        Assert.True(latest.Count <= 20);

        // The same objects as the dead-letter list.
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/dead-letters")).EnumerateArray().Single(l => l.GetProperty("id").GetInt64() == newer.Id);
        Assert.Equal(listed.ToString(), latest[0].ToString());

        // The history catches up within a sample.
        await SnapshotEventuallyAsync(admin, s => s.GetProperty("history").EnumerateArray().Last().GetProperty("deadLetters").GetInt32() == open + 2);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/dead-letters/{newer.Id}")).StatusCode);
        var after = (await SnapshotAsync(admin)).GetProperty("deadLetters");
        Assert.Equal(open + 1, after.GetProperty("open").GetInt32());
        Assert.Equal(older.Id, after.GetProperty("latest")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_saga_that_does_not_move_is_listed_as_stuck_until_it_moves_on()
    {
        using var admin = await Shop.AdminClientAsync();
        var sku = await OrderSagaTests<OrderShop>.NewSkuAsync(Shop, stock: 5);
        var (_, buyer) = await Shop.NewUserClientAsync();

        var orderId = await PlaceAcceptedAsync(buyer, HeldPaymentGateway.HeldToken, (sku, 1));
        var snapshot = await SnapshotEventuallyAsync(admin, s => StuckIds(s).Contains(orderId) && s.GetProperty("history").EnumerateArray().Last().GetProperty("stuckSagas").GetInt32() >= 1);
        var stuck = snapshot.GetProperty("stuckSagas").EnumerateArray().Single(o => o.GetProperty("orderId").GetString() == orderId);
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/sagas?state=stuck")).EnumerateArray().Single(o => o.GetProperty("orderId").GetString() == orderId);
        Assert.Equal(listed.ToString(), stuck.ToString());
        Assert.Equal("AwaitingPayment", stuck.GetProperty("step").GetString());

        Shop.Payments.Release(orderId);
        await WaitForAsync(buyer, orderId, "Completed");
        await SnapshotEventuallyAsync(admin, s => !StuckIds(s).Contains(orderId) && Count(s, "Pending") == 0);
    }

    /// <summary>Waits until no order is pending (an earlier test's may still be settling), so that counts compare; returns that snapshot.</summary>
    private static Task<JsonElement> NothingPendingAsync(HttpClient admin) => SnapshotEventuallyAsync(admin, s => Count(s, "Pending") == 0);

    private static async Task<JsonElement> SnapshotAsync(HttpClient admin)
    {
        var response = await admin.GetAsync("/api/admin/operations");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asks until <paramref name="done"/> holds: the silos report and the history samples every 200 ms here. Fails after a minute.</summary>
    private static async Task<JsonElement> SnapshotEventuallyAsync(HttpClient admin, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var snapshot = await SnapshotAsync(admin);
            if (done(snapshot))
            {
                return snapshot;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The operations figures never became as expected; last answer: {snapshot}");
            }

            await Task.Delay(100);
        }
    }

    private static long Count(JsonElement snapshot, string status) => snapshot.GetProperty("ordersByStatus").GetProperty(status).GetInt64();

    private static JsonElement? HotSku(JsonElement snapshot, string sku) =>
        snapshot.GetProperty("hotSkus").EnumerateArray().Where(s => s.GetProperty("sku").GetString() == sku).Select(s => (JsonElement?)s).FirstOrDefault();

    private static string[] StuckIds(JsonElement snapshot) => [.. snapshot.GetProperty("stuckSagas").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!)];

    /// <summary>A dead letter of a real event (an order's journal line as the stream carries it), as a failing consumer leaves it.</summary>
    private async Task<DeadLetter> AddDeadLetterAsync()
    {
        var orderId = OrderIds.New();
        var source = $"order/{orderId}";
        var streamEvent = new StreamEvent(StreamEvent.IdOf(source, 1), source, 1, DateTimeOffset.UtcNow, new OrderEvent(OrderEventKind.Cancelled, orderId, DateTimeOffset.UtcNow));
        var store = Shop.Services.GetRequiredService<IDeadLetterStore>();
        var payload = Shop.Services.GetRequiredService<Serializer>().SerializeToArray(streamEvent);
        var letter = new DeadLetter(0, streamEvent.EventId, StreamNames.Provider, OrderStreams.Orders, orderId, streamEvent.PayloadType, payload, false,
            $"payment/{orderId}", "the handler failed", 3, DateTimeOffset.UtcNow, DeadLetterStatus.Open);
        return letter with { Id = await store.AddAsync(letter) };
    }
}

/// <summary>
/// A silo for the operations tests: the order saga's quick settings and held payments (<see cref="OrderShop"/>), silos that
/// report and a history that samples every 200 ms, and a saga counted as stuck after 2 s without moving.
/// </summary>
public class OperationsShop : OrderShop
{
    public OperationsShop(ShopStorage storage)
        : base(storage)
    {
        WithSetting("Shop:Operations:ReportInterval", "00:00:00.200");
        WithSetting("Shop:Operations:SampleInterval", "00:00:00.200");
        WithSetting("Shop:Orders:StuckAfter", "00:00:02");
    }
}

public sealed class SqliteOperationsShop() : OperationsShop(ShopStorage.Sqlite);

public sealed class MySqlOperationsShop() : OperationsShop(ShopStorage.MySql);

public sealed class OperationsSnapshotOnSqlite(SqliteOperationsShop shop) : OperationsSnapshotTests<SqliteOperationsShop>(shop), IClassFixture<SqliteOperationsShop>;

public sealed class OperationsSnapshotOnMySql(MySqlOperationsShop shop) : OperationsSnapshotTests<MySqlOperationsShop>(shop), IClassFixture<MySqlOperationsShop>;
