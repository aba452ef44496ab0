using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Shop.Grains.Interfaces.Catalog;
using Shop.Silo;

namespace Shop.Bench;

/// <summary>
/// A catalog import through the grains, on a silo hosted exactly as <c>src/Silo</c> hosts it (MariaDB storage,
/// database or Kafka streams, the MariaDB read model, or the embedded SQLite default): 1,110 categories in three levels, then
/// every product through <see cref="IProductGrain.CreateAsync"/> (its document journaled, each SKU put on sale with
/// stock on its SKU grain, the product event relayed from the journal to the catalog projection), then the wait until
/// the read model lists them all. The baseline in the same run stores the same documents the plain way: one InnoDB
/// (or SQLite) transaction per product document, as many at once as the import runs, with no inventory and no read model.
/// </summary>
internal static class ImportBenchmark
{
    private const int Concurrency = 64;
    private const int IdBlock = 1_000;
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(int products, bool mySql, string connectionString, string streams)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var directory = Path.Combine(Path.GetTempPath(), $"shop-bench-import-{run}");
        Directory.CreateDirectory(directory);
        try
        {
            var storage = mySql ? "mysql" : "sqlite";
            using var kafka = BenchKafka.For(streams);
            Console.WriteLine($"import {storage}: streams on {streams}");
            await using var app = await StartSiloAsync(directory, mySql, connectionString, run, kafka);
            var grains = app.Services.GetRequiredService<IGrainFactory>();

            var tree = Stopwatch.StartNew();
            var leaves = await CreateCategoryTreeAsync(grains, run);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import {storage}: 1,110 categories in {tree.Elapsed.TotalSeconds:F1} s"));
            var roots = (await grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key).ListAsync())
                .Where(c => c.Level == 0 && c.Name.EndsWith(run, StringComparison.Ordinal)).Select(c => c.CategoryId).ToList();

            var import = Stopwatch.StartNew();
            await ImportAsync(grains, products, $"IMP{run}", leaves);
            import.Stop();
            var rate = products / import.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import {storage}: {products} products through ProductGrain.CreateAsync in {import.Elapsed.TotalSeconds:F1} s, {rate:F0} products/s"));

            var catchUp = Stopwatch.StartNew();
            await WaitUntilListedAsync(grains, roots, products);
            catchUp.Stop();
            var total = import.Elapsed + catchUp.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import {storage}: read model listed them all {catchUp.Elapsed.TotalSeconds:F1} s after the last product was created ({total.TotalSeconds:F1} s in all)"));

            var baseline = mySql
                ? await MySqlBaselineAsync(connectionString, products, run, leaves)
                : SqliteBaseline(directory, products, run, leaves);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import {storage}: baseline {baseline:F0} documents/s (one transaction per document)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import: products {products}, {rate:F0} products/s, catch-up {catchUp.Elapsed.TotalSeconds:F1} s, baseline {baseline:F0} products/s, ratio {rate / baseline:F2}"));
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<WebApplication> StartSiloAsync(string directory, bool mySql, string connectionString, string run, BenchKafka? kafka)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var settings = new Dictionary<string, string?>
        {
            ["Shop:DataDirectory"] = directory,
            ["Shop:Storage:Provider"] = mySql ? "MySql" : "Sqlite",
            ["Shop:Streams:Provider"] = "Database",
            ["Shop:Gateway:Enabled"] = "false",
            // A cluster of its own, so that it never meets a silo of an earlier run in the shared membership table.
            ["Shop:Cluster:ClusterId"] = $"bench-import-{run}",
            ["Shop:Cluster:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Shop:Cluster:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        };
        if (mySql)
        {
            settings["Shop:Storage:ConnectionString"] = connectionString;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        if (kafka is not null)
        {
            builder.Configuration.AddInMemoryCollection(kafka.Settings);
        }

        builder.AddShopSilo(ShopSiloOptions.Load(builder.Configuration));
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    /// <summary>10 roots, 10 children each, 10 grandchildren each: 1,110 categories; products go to the 1,000 leaves.</summary>
    private static async Task<List<int>> CreateCategoryTreeAsync(IGrainFactory grains, string run)
    {
        var tree = grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key);
        var leaves = new List<int>();
        for (var r = 0; r < 10; r++)
        {
            var root = await tree.CreateAsync($"Root {r} {run}", null);
            for (var c = 0; c < 10; c++)
            {
                var child = await tree.CreateAsync($"Child {r}.{c}", root.CategoryId);
                for (var l = 0; l < 10; l++)
                {
                    leaves.Add((await tree.CreateAsync($"Leaf {r}.{c}.{l}", child.CategoryId)).CategoryId);
                }
            }
        }

        return leaves;
    }

    private static async Task ImportAsync(IGrainFactory grains, int products, string skuPrefix, List<int> leaves)
    {
        var sequence = grains.GetGrain<IIdSequenceGrain>("product");
        var remaining = products;
        var progress = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            long next = 0, end = 0;
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                if (next == end)
                {
                    next = await sequence.NextAsync(IdBlock);
                    end = next + IdBlock;
                }

                var id = next++;
                await grains.GetGrain<IProductGrain>(id).CreateAsync(CatalogGenerator.Product(id, skuPrefix, leaves));
                var done = Interlocked.Increment(ref progress);
                if (done % 50_000 == 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done} products, {done / clock.Elapsed.TotalSeconds:F0}/s"));
                }
            }
        }));
    }

    private static async Task WaitUntilListedAsync(IGrainFactory grains, List<int> roots, int products)
    {
        var query = grains.GetGrain<ICatalogQueryGrain>(0);
        var limit = Stopwatch.StartNew();
        while (true)
        {
            long listed = 0;
            foreach (var root in roots)
            {
                listed += (await query.ListCategoryAsync(root, includeDescendants: true, page: 1, pageSize: 1)).Total;
            }

            if (listed >= products)
            {
                return;
            }

            if (limit.Elapsed > CatchUpLimit)
            {
                throw new TimeoutException($"The read model lists {listed} of {products} products after {CatchUpLimit}.");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<double> MySqlBaselineAsync(string connectionString, int products, string run, List<int> leaves)
    {
        var table = $"bench_import_{run}";
        await using (var connection = new MySqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new MySqlCommand($"CREATE TABLE {table} (product_id BIGINT PRIMARY KEY, document JSON NOT NULL) ENGINE=InnoDB", connection);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            var remaining = products;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
            {
                await using var connection = new MySqlConnection(connectionString);
                await connection.OpenAsync();
                int left;
                while ((left = Interlocked.Decrement(ref remaining)) >= 0)
                {
                    var document = CatalogGenerator.Product(left, "BASE", leaves);
                    await using var insert = new MySqlCommand($"INSERT INTO {table} (product_id, document) VALUES (@id, @document)", connection);
                    insert.Parameters.AddWithValue("@id", left);
                    insert.Parameters.AddWithValue("@document", System.Text.Json.JsonSerializer.Serialize(document));
                    await insert.ExecuteNonQueryAsync();
                }
            }));
            return products / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync();
            await using var drop = new MySqlCommand($"DROP TABLE IF EXISTS {table}", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static double SqliteBaseline(string directory, int products, string run, List<int> leaves)
    {
        // SQLite has one writer: the plain way is one connection, one transaction per document, synchronous=FULL as ours.
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, $"baseline-{run}.db")};Pooling=false");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE products (product_id INTEGER PRIMARY KEY, document TEXT NOT NULL);";
            setup.ExecuteNonQuery();
        }

        var clock = Stopwatch.StartNew();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO products (product_id, document) VALUES ($id, $document)";
        var id = insert.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Integer);
        var body = insert.Parameters.Add("$document", Microsoft.Data.Sqlite.SqliteType.Text);
        for (var i = 0; i < products; i++)
        {
            id.Value = i;
            body.Value = System.Text.Json.JsonSerializer.Serialize(CatalogGenerator.Product(i, "BASE", leaves));
            insert.ExecuteNonQuery();
        }

        return products / clock.Elapsed.TotalSeconds;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
