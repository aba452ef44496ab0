using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.TestKit;

namespace Shop.Silo.Tests;

/// <summary>
/// The order saga across a SIGKILL: a silo process dies while orders are in flight (killed from outside, or killing
/// itself at a chosen saga point through the fault-injection hook, <c>Shop:Faults</c>), and a silo started again on
/// the same storage finishes every saga by itself. Every order that got a 202 ends Completed or Cancelled, no stock
/// stays reserved (placements that never committed included), and <c>stock + sold</c> is what was put in.
/// </summary>
public sealed class OrderCrashTests : IDisposable
{
    private const int Stock = 60;
    private const int Buyers = 12;
    private const int OrdersPerBuyer = 10;
    private const string AdminEmail = "admin@crash.test";
    private const string AdminPassword = "crash-admin-password";
    private static readonly string[] Tokens = ["tok_ok", "tok_decline", "tok_error_then_ok", "tok_timeout_then_ok"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);

    private readonly string _dataDirectory = TempDirectory.Create("order-crash");

    [Theory]
    [InlineData(null)]
    [InlineData("Reserved")]
    [InlineData("Charged")]
    [InlineData("PaymentRecorded")]
    [InlineData("StockConfirmed")]
    public Task On_SQLite_every_accepted_order_settles_after_a_kill(string? killAt) => KillAndRecoverAsync([], killAt);

    [Fact]
    public async Task On_MariaDB_every_accepted_order_settles_after_a_kill()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await KillAndRecoverAsync(new Dictionary<string, string>
        {
            ["Shop__Storage__Provider"] = "MySql",
            ["Shop__Storage__ConnectionString"] = database.ConnectionString,
        }, killAt: "Reserved");
    }

    public void Dispose() => TempDirectory.Delete(_dataDirectory);

    private async Task KillAndRecoverAsync(Dictionary<string, string> storage, string? killAt)
    {
        var faults = killAt is null ? [] : new Dictionary<string, string> { ["Shop__Faults__KillAt"] = killAt, ["Shop__Faults__KillAfter"] = "20" };
        string sku;
        List<string> tokens;
        var accepted = new ConcurrentBag<(int Buyer, string OrderId)>();
        using (var silo = StartSilo(storage, faults))
        {
            using var admin = await AdminAsync(silo);
            sku = (await ShopApi.CreateProductAsync(admin, await ShopApi.CreateCategoryAsync(admin, "Crash"), "CRASH", variants: 1, Stock))[0];
            tokens = [.. await Task.WhenAll(Enumerable.Range(0, Buyers).Select(_ => ShopApi.NewBuyerAsync(silo.HttpUrl)))];

            // Eight orders in flight at a time: the saga points are passed while earlier orders are being answered.
            using var inFlight = new SemaphoreSlim(8);
            var burst = Enumerable.Range(0, Buyers * OrdersPerBuyer).Select(async i =>
            {
                var buyer = i % Buyers;
                using var client = ShopApi.Client(silo.HttpUrl, tokens[buyer]);
                await inFlight.WaitAsync();
                try
                {
                    var response = await client.PostAsJsonAsync("/api/orders", new { items = new[] { new { sku, quantity = 1 } }, paymentToken = Tokens[i % Tokens.Length] });
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        accepted.Add((buyer, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!));
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The silo died under this request: it may or may not have been placed, and nobody was told.
                }
                finally
                {
                    inFlight.Release();
                }
            }).ToList();

            if (killAt is null)
            {
                await Eventually.HoldsAsync("some orders are accepted", Deadline, () => Task.FromResult(accepted.Count >= 15), silo.ToString);
                silo.Kill();
            }

            await Task.WhenAll(burst);
            await silo.WaitForExitAsync(Deadline);
            Assert.True(killAt is null || silo.Output.Contains($"killing this process at saga point {killAt}, pass 20", StringComparison.Ordinal), silo.ToString());
        }

        Assert.NotEmpty(accepted);
        using var again = StartSilo(storage, []);
        using var recovered = await AdminAsync(again);
        foreach (var (buyer, orderId) in accepted)
        {
            using var client = ShopApi.Client(again.HttpUrl, tokens[buyer]);
            string? status = null;
            await Eventually.HoldsAsync($"order {orderId} settles", Deadline, async () =>
            {
                status = (await client.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}")).GetProperty("status").GetString();
                return status is "Completed" or "Cancelled";
            }, () => $"order {orderId} is {status}{Environment.NewLine}{again}");
        }

        JsonElement inventory = default;
        await Eventually.HoldsAsync("no stock stays reserved", Deadline, async () =>
        {
            inventory = await recovered.GetFromJsonAsync<JsonElement>($"/api/admin/inventory/{sku}");
            return inventory.GetProperty("reserved").GetInt32() == 0;
        }, () => $"{inventory}{Environment.NewLine}{again}");
        Assert.Equal(Stock, inventory.GetProperty("stock").GetInt32() + inventory.GetProperty("sold").GetInt32());

        var completed = 0;
        foreach (var (buyer, orderId) in accepted)
        {
            using var client = ShopApi.Client(again.HttpUrl, tokens[buyer]);
            var (status, failureReason) = await ShopApi.OrderOutcomeAsync(client, orderId);
            completed += status == "Completed" ? 1 : 0;
            // Paid, but its reservation was gone: only the order itself gives its reservations back, so no crash leads here.
            Assert.True(failureReason != "inventory-unavailable", $"order {orderId} was paid but its SKU no longer held it{Environment.NewLine}{again}");
        }

        // An order placed just before the kill may have committed without its 202 reaching the buyer: it is sold too.
        Assert.InRange(inventory.GetProperty("sold").GetInt32(), completed, Stock);
    }

    private HostProcess StartSilo(Dictionary<string, string> storage, Dictionary<string, string> faults)
    {
        var ports = FreePorts.Take(3);
        var settings = new Dictionary<string, string>(storage)
        {
            ["Shop__DataDirectory"] = _dataDirectory,
            ["Shop__Cluster__SiloPort"] = ports[1].ToString(),
            ["Shop__Cluster__GatewayPort"] = ports[2].ToString(),
            ["Shop__Admin__Email"] = AdminEmail,
            ["Shop__Admin__Password"] = AdminPassword,
            ["Shop__Users__PasswordIterations"] = "100000",
            ["Shop__Orders__RemindPaymentAfter"] = "00:00:03",
            ["Shop__Payments__FirstStatusCheckAfter"] = "00:00:01",
        };
        foreach (var (key, value) in faults)
        {
            settings[key] = value;
        }

        return HostProcess.Start("silo", BuiltHost.Silo, $"http://127.0.0.1:{ports[0]}", settings);
    }

    private static async Task<HttpClient> AdminAsync(HostProcess silo)
    {
        using var probe = ShopApi.Client(silo.HttpUrl, null);
        await Eventually.HoldsAsync("the silo is ready", Deadline, async () =>
        {
            Assert.False(silo.HasExited, silo.ToString());
            try
            {
                return (await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, silo.ToString);
        return ShopApi.Client(silo.HttpUrl, await ShopApi.TokenAsync(silo.HttpUrl, AdminEmail, AdminPassword));
    }
}
