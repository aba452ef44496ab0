using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Shop.Gateway;
using Shop.Silo;

namespace Shop.Bench;

/// <summary>
/// The order flow over HTTP on MariaDB with durable commits (<c>innodb_flush_log_at_trx_commit=1</c>): a silo hosted as
/// <c>src/Silo</c> hosts it, with its co-hosted gateway and database streams, and signed-in buyers placing orders with
/// a mix of payment tokens (70% <c>tok_ok</c>, 10% each <c>tok_decline</c>, <c>tok_error_then_ok</c>,
/// <c>tok_timeout_then_ok</c>), first on one hot SKU, then spread over 100 SKUs. It reports orders accepted per second
/// and the time to the 202 (p50/p99), and orders settled (Completed or Cancelled) per second, counted in the orders
/// read model. The baseline in the same run is the design notes' synchronous flow on the same server: one transaction
/// per order that locks the SKU's stock row, checks <c>stock - stock_reserved</c>, reserves, and inserts the order and
/// its outbox row, from as many connections as the load has HTTP workers.
/// </summary>
internal static class OrderFlowBenchmark
{
    private const int Workers = 64;
    private const int Buyers = 256;
    private const string AdminEmail = "admin@bench.test";
    private const string AdminPassword = "order-flow-bench-password";
    private const string Database = "shop_test_bench_orders";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var duration = options.DurationOr(TimeSpan.FromSeconds(20));
        var connectionString = await CreateDatabaseAsync(options.MySqlConnectionString);
        var directory = Path.Combine(Path.GetTempPath(), $"shop-bench-orders-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            using var kafka = BenchKafka.For(options.Streams);
            Console.WriteLine($"order-flow: {await ServerAsync(connectionString)}, streams on {options.Streams}, {Workers} HTTP workers, {Buyers} buyers, {duration.TotalSeconds:F0} s per run");
            await using var app = await StartSiloAsync(directory, connectionString, kafka);
            var url = app.Urls.First();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Workers * 2 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            var admin = await TokenAsync(http, AdminEmail, AdminPassword);
            var hot = (await CreateProductsAsync(http, admin, products: 1, variants: 1))[0];
            var many = await CreateProductsAsync(http, admin, products: 10, variants: 10);
            var buyers = await RegisterBuyersAsync(http);

            await LoadAsync(http, buyers, WarmUp, _ => hot, seed: 1);
            var hotRun = await MeasureAsync("hot SKU", http, connectionString, buyers, duration, _ => hot);
            var manyRun = await MeasureAsync("100 SKUs", http, connectionString, buyers, duration, random => many[random.Next(many.Count)]);

            var baseline = await BaselineAsync(connectionString, duration);
            Console.WriteLine(FormattableString.Invariant(
                $"order-flow baseline (one transaction per order: lock the stock row, reserve, insert the order and its outbox row): {baseline.Count:N0} orders in {baseline.Elapsed.TotalSeconds:F1} s, {baseline.Count / baseline.Elapsed.TotalSeconds:F0}/s, p50 {baseline.All.P50:F1} ms, p99 {baseline.All.P99:F1} ms"));
            var baselineRate = baseline.Count / baseline.Elapsed.TotalSeconds;
            Console.WriteLine(FormattableString.Invariant(
                $"order-flow: accepted {hotRun.Accepted:F0}/s, p99 {hotRun.P99:F1} ms, completed {hotRun.Completed:F0}/s, baseline {baselineRate:F0}/s, ratio {hotRun.Accepted / baselineRate:F2}"));
            Console.WriteLine(FormattableString.Invariant(
                $"order-flow many: accepted {manyRun.Accepted:F0}/s, p99 {manyRun.P99:F1} ms, completed {manyRun.Completed:F0}/s, baseline {baselineRate:F0}/s, ratio {manyRun.Accepted / baselineRate:F2}"));
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record RunResult(double Accepted, double P99, double Completed);

    private static async Task<RunResult> MeasureAsync(string name, HttpClient http, string connectionString, IReadOnlyList<string> buyers, TimeSpan duration, Func<Random, string> sku)
    {
        var settledBefore = await SettledAsync(connectionString);
        var cpu = new CpuMeter();
        var (load, accepted) = await LoadAsync(http, buyers, duration, sku, seed: 7);
        var settledInWindow = await SettledAsync(connectionString) - settledBefore;
        var cpuLine = cpu.Describe();

        var drain = Stopwatch.StartNew();
        while (await SettledAsync(connectionString) - settledBefore < accepted && drain.Elapsed < SettleLimit)
        {
            await Task.Delay(200);
        }

        var settled = await SettledAsync(connectionString) - settledBefore;
        var acceptedRate = accepted / load.Elapsed.TotalSeconds;
        var completedRate = settledInWindow / load.Elapsed.TotalSeconds;
        var refused = load.Count - accepted;
        Console.WriteLine(FormattableString.Invariant(
            $"order-flow {name}: {accepted:N0} accepted in {load.Elapsed.TotalSeconds:F1} s, {acceptedRate:F0}/s, time to 202 p50 {load.ByKind.GetValueOrDefault("accepted")?.P50 ?? double.NaN:F1} ms, p99 {load.ByKind.GetValueOrDefault("accepted")?.P99 ?? double.NaN:F1} ms ({refused:N0} not accepted)"));
        Console.WriteLine(FormattableString.Invariant(
            $"order-flow {name}: {settledInWindow:N0} settled during the run, {completedRate:F0}/s; all {settled:N0} settled {drain.Elapsed.TotalSeconds:F1} s after it (tok_timeout_then_ok waits for its status check)"));
        Console.WriteLine($"order-flow {name}: {cpuLine}");
        return new RunResult(acceptedRate, load.ByKind.GetValueOrDefault("accepted")?.P99 ?? double.NaN, completedRate);
    }

    private static async Task<(LatencyLoad.Result Load, long Accepted)> LoadAsync(HttpClient http, IReadOnlyList<string> buyers, TimeSpan duration, Func<Random, string> sku, int seed)
    {
        long accepted = 0;
        var next = -1;
        var load = await LatencyLoad.RunAsync(Workers, duration, seed, async random =>
        {
            var buyer = buyers[(int)((uint)Interlocked.Increment(ref next) % buyers.Count)];
            var token = random.Next(10) switch { < 7 => "tok_ok", 7 => "tok_decline", 8 => "tok_error_then_ok", _ => "tok_timeout_then_ok" };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
            {
                Content = JsonContent.Create(new { items = new[] { new { sku = sku(random), quantity = 1 } }, paymentToken = token }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", buyer);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref accepted);
                return "accepted";
            }

            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        });
        return (load, accepted);
    }

    private static async Task<long> SettledAsync(string connectionString)
    {
        // A pool of its own: the count must not wait behind (or take) the silo's connections.
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { ApplicationName = "order-flow-bench", MaximumPoolSize = 2 }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM order_summaries WHERE step IN ('Completed', 'Cancelled')", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<LatencyLoad.Result> BaselineAsync(string connectionString, TimeSpan duration)
    {
        await using (var connection = new MySqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new MySqlCommand("""
                CREATE TABLE baseline_stock (sku VARCHAR(64) NOT NULL PRIMARY KEY, stock INT NOT NULL, stock_reserved INT NOT NULL) ENGINE=InnoDB;
                CREATE TABLE baseline_orders (order_id CHAR(32) NOT NULL PRIMARY KEY, user_id CHAR(36) NOT NULL, sku VARCHAR(64) NOT NULL,
                    quantity INT NOT NULL, status VARCHAR(16) NOT NULL, payment_token VARCHAR(200) NOT NULL, created_at DATETIME(3) NOT NULL) ENGINE=InnoDB;
                CREATE TABLE baseline_outbox (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, aggregate_id CHAR(32) NOT NULL, event_type VARCHAR(64) NOT NULL,
                    payload JSON NOT NULL, created_at DATETIME(3) NOT NULL) ENGINE=InnoDB;
                INSERT INTO baseline_stock VALUES ('HOT', 100000000, 0);
                """, connection);
            await create.ExecuteNonQueryAsync();
        }

        return await LatencyLoad.RunAsync(Workers, duration, seed: 11, async random =>
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT stock - stock_reserved FROM baseline_stock WHERE sku = 'HOT' FOR UPDATE";
            var available = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            if (available < 1)
            {
                await transaction.RollbackAsync();
                return "out-of-stock";
            }

            var orderId = Guid.NewGuid().ToString("N");
            command.CommandText = """
                UPDATE baseline_stock SET stock_reserved = stock_reserved + 1 WHERE sku = 'HOT';
                INSERT INTO baseline_orders VALUES (@order, @user, 'HOT', 1, 'Pending', 'tok_ok', NOW(3));
                INSERT INTO baseline_outbox (aggregate_id, event_type, payload, created_at) VALUES (@order, 'order_created', @payload, NOW(3));
                """;
            command.Parameters.AddWithValue("@order", orderId);
            command.Parameters.AddWithValue("@user", Guid.NewGuid().ToString());
            command.Parameters.AddWithValue("@payload", JsonSerializer.Serialize(new { orderId, sku = "HOT", quantity = 1 }));
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            return "accepted";
        });
    }

    private static async Task<string> CreateDatabaseAsync(string connectionString)
    {
        await using (var connection = new MySqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new MySqlCommand($"DROP DATABASE IF EXISTS `{Database}`; CREATE DATABASE `{Database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new MySqlConnectionStringBuilder(connectionString) { Database = Database, MaximumPoolSize = 200 }.ConnectionString;
    }

    private static async Task<string> ServerAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT CONCAT(VERSION(), ', innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit)", connection);
        return $"MariaDB {await command.ExecuteScalarAsync()}";
    }

    private static async Task<WebApplication> StartSiloAsync(string directory, string connectionString, BenchKafka? kafka)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{ImportBenchmark.FreePort()}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Shop:DataDirectory"] = directory,
            ["Shop:Storage:Provider"] = "MySql",
            ["Shop:Storage:ConnectionString"] = connectionString,
            ["Shop:Streams:Provider"] = "Database",
            ["Shop:Cluster:ClusterId"] = $"bench-orders-{Guid.NewGuid():N}",
            ["Shop:Cluster:SiloPort"] = ImportBenchmark.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Shop:Cluster:GatewayPort"] = ImportBenchmark.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Shop:Admin:Email"] = AdminEmail,
            ["Shop:Admin:Password"] = AdminPassword,
            ["Shop:Users:PasswordIterations"] = "100000",
            // 64 workers over 256 buyers place more orders per buyer and minute than a person would.
            ["Shop:Gateway:OrdersPerMinute"] = "1000000",
            // A timed-out payment is asked after one second instead of five, so that the run's orders settle soon after it.
            ["Shop:Payments:FirstStatusCheckAfter"] = "00:00:01",
        });
        if (kafka is not null)
        {
            builder.Configuration.AddInMemoryCollection(kafka.Settings);
        }

        builder.AddShopSilo(ShopSiloOptions.Load(builder.Configuration));
        builder.Services.AddGatewayEndpoints();
        var app = builder.Build();
        app.MapGatewayEndpoints();
        await app.StartAsync();
        return app;
    }

    private static async Task<string> TokenAsync(HttpClient http, string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<List<string>> RegisterBuyersAsync(HttpClient http)
    {
        var tokens = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Buyers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var email = $"buyer-{i}-{Guid.NewGuid():N}@bench.test";
            var registered = await http.PostAsJsonAsync("/api/users", new { email, password = "bench-password-1", name = $"Buyer {i}" });
            registered.EnsureSuccessStatusCode();
            tokens.Add(await TokenAsync(http, email, "bench-password-1"));
        });
        return [.. tokens];
    }

    private static async Task<List<string>> CreateProductsAsync(HttpClient http, string admin, int products, int variants)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/categories") { Content = JsonContent.Create(new { name = $"Bench {Guid.NewGuid():N}" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        var category = (await (await http.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("categoryId").GetInt32();
        var skus = new List<string>();
        for (var p = 0; p < products; p++)
        {
            var variantSkus = Enumerable.Range(0, variants).Select(_ => $"BENCH-{Guid.NewGuid():N}"[..22].ToUpperInvariant()).ToList();
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/admin/products")
            {
                Content = JsonContent.Create(new
                {
                    title = $"한정판 운동화 {p}",
                    brand = "Bench",
                    categoryIds = new[] { category },
                    primaryCategoryId = category,
                    variants = variantSkus.Select(sku => new { sku, price = new { amount = 129_000, currency = "KRW" }, initialStock = 100_000_000 }).ToArray(),
                }),
            };
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            (await http.SendAsync(create)).EnsureSuccessStatusCode();
            skus.AddRange(variantSkus);
        }

        return skus;
    }
}
