using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shop.Gateway;
using Shop.Gateway.Catalog;
using Shop.Gateway.Health;
using Shop.Grains.Interfaces.Catalog;
using Shop.Silo;

namespace Shop.Bench;

/// <summary>
/// Product page reads (<c>GET /api/products/{id}</c>) over real HTTP through the gateway, on a silo hosted as
/// <c>src/Silo</c> hosts it (the embedded SQLite default in a temporary data directory, the co-hosted gateway with its
/// middleware and the health endpoints, on a real Kestrel port). A catalog is created through
/// <see cref="IProductGrain.CreateAsync"/>, then the silo is restarted on the same data directory so that no product
/// or SKU grain is active. "Hot" reads pick one of a few products over and over (activated before the measurement);
/// "cold" reads each take a product no one has read since the restart, so every one activates the product grain and
/// its SKU grains from storage. The baseline in the same run is a minimal Kestrel application on another port whose
/// one endpoint answers the gateway's own JSON bytes for a hot product, kept in memory; the same HttpClient code loads
/// it with the same concurrency. A third endpoint, "bare", makes the gateway's grain call and answers its page
/// (<see cref="ProductPageJson"/>) with none of the gateway's middleware, to show where the gateway's time goes.
/// </summary>
internal static class ProductReadsBenchmark
{
    private const int Workers = 32;
    private const int HotProducts = 100;
    private const int SeedConcurrency = 32;
    private const int IdBlock = 1_000;
    private const string Route = "/api/products/{productId:long}";
    private const int Slices = 5;
    private const int ColdWarmUpPerRound = 25;
    private const int ColdWarmUpProducts = 500;
    private const int QuietRounds = 2;
    private const int QuietCompilations = 40;
    private static readonly TimeSpan WarmUpSlice = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(45);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var duration = options.DurationOr(TimeSpan.FromSeconds(10));
        var products = options.Products ?? 4_000;
        if (products <= HotProducts + ColdWarmUpProducts)
        {
            throw new ArgumentException($"--products {products}: need more than the {HotProducts} hot products and the {ColdWarmUpProducts} cold ones of the warm-up.");
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var directory = Path.Combine(Path.GetTempPath(), $"shop-bench-product-reads-{run}");
        Directory.CreateDirectory(directory);
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"product-reads: SQLite (embedded default), {products:N0} products ({HotProducts} hot, {ColdWarmUpProducts} cold for the warm-up, {products - HotProducts - ColdWarmUpProducts:N0} cold measured), {Workers} HTTP workers, {duration.TotalSeconds:F0} s per phase"));

            List<long> ids;
            var seeding = Stopwatch.StartNew();
            await using (var first = await StartSiloAsync(directory, run))
            {
                ids = await CreateCatalogAsync(first.Services.GetRequiredService<IGrainFactory>(), products, run);
                seeding.Stop();
                await first.StopAsync();
            }

            var restart = Stopwatch.StartNew();
            await using var silo = await StartSiloAsync(directory, run);
            restart.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"product-reads: {products:N0} products created through ProductGrain.CreateAsync in {seeding.Elapsed.TotalSeconds:F1} s; silo restarted on the same data in {restart.Elapsed.TotalSeconds:F1} s, no product active"));

            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var hot = ids.Take(HotProducts).ToArray();
            var coldWarmUp = ids.Skip(HotProducts).Take(ColdWarmUpProducts).ToArray();
            var cold = ids.Skip(HotProducts + ColdWarmUpProducts).ToArray();
            Func<Random, long?> hotProduct = random => hot[random.Next(hot.Length)];
            using var http = Client();
            var gateway = new Uri(silo.Urls.First());
            await using var bare = await StartBareAsync(grains);
            var bareUri = new Uri(bare.Urls.First());

            // Every hot product activated; the gateway's JSON for the first one is what the raw endpoint answers.
            foreach (var id in hot)
            {
                (await http.GetAsync(new Uri(gateway, $"/api/products/{id}"))).EnsureSuccessStatusCode();
            }

            var json = await http.GetByteArrayAsync(new Uri(gateway, $"/api/products/{hot[0]}"));
            var bareJson = await http.GetByteArrayAsync(new Uri(bareUri, $"/api/products/{hot[0]}"));
            await using var raw = await StartRawAsync(json);
            var rawUri = new Uri(raw.Urls.First());

            // Warm-up, unmeasured, in rounds over every path (hot, a few cold reads, bare, raw) until the JIT has settled:
            // tiered compilation keeps recompiling the hot paths for tens of seconds under this load, and the same
            // code measured while it does reads several times slower.
            var warmUp = Stopwatch.StartNew();
            var compiledBefore = JitInfo.GetCompiledMethodCount();
            var compiled = compiledBefore;
            var rounds = 0;
            var quiet = 0;
            var lastRound = 0L;
            while (quiet < QuietRounds && warmUp.Elapsed < WarmUpLimit)
            {
                var coldRound = new OnceEach([.. coldWarmUp.Skip(rounds * ColdWarmUpPerRound).Take(ColdWarmUpPerRound)]);
                await ReadLoadAsync(http, gateway, WarmUpSlice, hotProduct, seed: rounds);
                await ReadLoadAsync(http, gateway, WarmUpSlice, coldRound.Next, seed: rounds, exhausted: () => coldRound.Exhausted);
                await ReadLoadAsync(http, bareUri, WarmUpSlice / 2, hotProduct, seed: rounds);
                await ReadLoadAsync(http, rawUri, WarmUpSlice / 2, hotProduct, seed: rounds);
                rounds++;
                lastRound = JitInfo.GetCompiledMethodCount() - compiled;
                compiled += lastRound;
                quiet = lastRound <= QuietCompilations ? quiet + 1 : 0;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"product-reads: warm-up {warmUp.Elapsed.TotalSeconds:F1} s in {rounds} rounds, {compiled - compiledBefore:N0} methods compiled, {lastRound} in the last round{(quiet < QuietRounds ? " (JIT not yet settled: time limit)" : "")}"));

            // Cold: each read takes the next product not read since the restart, until the time is up or none is left.
            var coldReads = new OnceEach(cold);
            var coldRun = await MeasureAsync("gateway cold", http, gateway, duration, coldReads.Next, seed: 11, exhausted: () => coldReads.Exhausted);
            Console.WriteLine(coldRun.Count < cold.Length
                ? string.Create(CultureInfo.InvariantCulture, $"product-reads gateway cold: {cold.Length - coldRun.Count:N0} cold products left unread")
                : string.Create(CultureInfo.InvariantCulture, $"product-reads gateway cold: every one of the {cold.Length:N0} cold products read before the time was up (each read activates a product and its SKUs)"));

            // Hot through the gateway, bare and raw in turns of a fifth of the time each, so that the other sessions'
            // load on the shared machine falls on all three alike.
            var slices = new List<LatencyLoad.Result>[] { [], [], [] };
            var servers = new[] { gateway, bareUri, rawUri };
            var cpu = new CpuMeter();
            for (var slice = 0; slice < Slices; slice++)
            {
                for (var turn = 0; turn < servers.Length; turn++)
                {
                    var which = (slice + turn) % servers.Length;
                    slices[which].Add(await ReadLoadAsync(http, servers[which], duration / Slices, hotProduct, seed: 100 * slice + which));
                }
            }

            var cpuLine = cpu.Describe();
            var hotRun = Summarize("gateway hot", slices[0]);
            var bareRun = Summarize("bare", slices[1]);
            var rawRun = Summarize("raw", slices[2]);
            Console.WriteLine($"product-reads gateway hot, bare and raw: {cpuLine}");

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"product-reads: {json.Length:N0} bytes of JSON per product page; bare endpoint answers the same bytes as the gateway: {(json.AsSpan().SequenceEqual(bareJson) ? "yes" : "no")}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"product-reads: gateway cold {coldRun.Rate:F0}/s, p50 {coldRun.P50:F1} ms, p99 {coldRun.P99:F1} ms; bare {bareRun.Rate:F0}/s, p99 {bareRun.P99:F1} ms, ratio to raw {bareRun.Rate / rawRun.Rate:F2}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"product-reads: gateway {hotRun.Rate:F0}/s, p99 {hotRun.P99:F1} ms, raw {rawRun.Rate:F0}/s, ratio {hotRun.Rate / rawRun.Rate:F2}"));
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

    private sealed record PhaseResult(long Count, double Rate, double P50, double P99);

    private static async Task<PhaseResult> MeasureAsync(string name, HttpClient http, Uri server, TimeSpan duration, Func<Random, long?> product, int seed, Func<bool>? exhausted = null)
    {
        var cpu = new CpuMeter();
        var load = await ReadLoadAsync(http, server, duration, product, seed, exhausted);
        var cpuLine = cpu.Describe();
        var result = Summarize(name, [load]);
        Console.WriteLine($"product-reads {name}: {cpuLine}");
        return result;
    }

    /// <summary>Puts the slices of one phase together: reads answered 200 over the time of all slices, percentiles over all their reads.</summary>
    private static PhaseResult Summarize(string name, IReadOnlyList<LatencyLoad.Result> slices)
    {
        var samples = slices.SelectMany(s => s.Samples).ToList();
        var ok = LatencyLoad.Percentiles.Of(samples.Where(s => s.Kind == "200").Select(s => s.Ms));
        var failed = samples.Count(s => s.Kind is not ("200" or "none"));
        var elapsed = slices.Sum(s => s.Elapsed.TotalSeconds);
        var rate = ok.Count / elapsed;
        var sliced = slices.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (in {slices.Count} slices)") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"product-reads {name}: {ok.Count:N0} reads in {elapsed:F1} s{sliced}, {rate:F0}/s, p50 {ok.P50:F2} ms, p99 {ok.P99:F2} ms ({failed:N0} not 200)"));
        return new PhaseResult(ok.Count, rate, ok.P50, ok.P99);
    }

    /// <summary>Hands out each of its products once, in order, then nothing (<see cref="Exhausted"/>).</summary>
    private sealed class OnceEach(long[] products)
    {
        private int _next = -1;

        public bool Exhausted => Volatile.Read(ref _next) >= products.Length - 1;

        public long? Next(Random _)
        {
            var index = Interlocked.Increment(ref _next);
            return index < products.Length ? products[index] : null;
        }
    }

    /// <summary>Reads product pages from <paramref name="server"/>; each operation reports its status code, or <c>none</c> when no product was left.</summary>
    private static Task<LatencyLoad.Result> ReadLoadAsync(HttpClient http, Uri server, TimeSpan duration, Func<Random, long?> product, int seed, Func<bool>? exhausted = null) =>
        LatencyLoad.RunAsync(Workers, duration, seed, async random =>
        {
            if (product(random) is not { } id)
            {
                return "none";
            }

            using var response = await http.GetAsync(new Uri(server, string.Create(CultureInfo.InvariantCulture, $"/api/products/{id}")), HttpCompletionOption.ResponseContentRead);
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }, exhausted);

    private static HttpClient Client() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Workers,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    })
    { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The silo as <c>src/Silo</c>'s Program hosts it (its dashboard page aside), on the embedded default, with the gateway's limits raised for the load.</summary>
    private static async Task<WebApplication> StartSiloAsync(string directory, string run)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{ImportBenchmark.FreePort()}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Shop:DataDirectory"] = directory,
            ["Shop:Storage:Provider"] = "Sqlite",
            ["Shop:Streams:Provider"] = "Database",
            ["Shop:Cluster:ClusterId"] = $"bench-product-reads-{run}",
            ["Shop:Cluster:SiloPort"] = ImportBenchmark.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Shop:Cluster:GatewayPort"] = ImportBenchmark.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Shop:Admin:Email"] = "admin@bench.test",
            ["Shop:Admin:Password"] = "product-reads-bench-password",
            ["Shop:Users:PasswordIterations"] = "100000",
            // All the load comes anonymously from 127.0.0.1, far more than the 1,200 per minute one visitor may make.
            ["Shop:Gateway:AnonymousPerMinute"] = "1000000000",
        });
        var options = ShopSiloOptions.Load(builder.Configuration);
        builder.AddShopSilo(options);
        builder.Services.AddGatewayEndpoints();
        var app = builder.Build();
        app.MapGatewayEndpoints();
        app.MapShopHealthEndpoints();
        await app.StartAsync();
        return app;
    }

    /// <summary>One category and <paramref name="products"/> synthetic products (one to three variants each), ids from the product sequence as the admin API takes them.</summary>
    private static async Task<List<long>> CreateCatalogAsync(IGrainFactory grains, int products, string run)
    {
        var category = await grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key).CreateAsync($"Product reads {run}", null);
        var sequence = grains.GetGrain<IIdSequenceGrain>("product");
        var created = new List<long>[SeedConcurrency];
        var remaining = products;
        await Task.WhenAll(Enumerable.Range(0, SeedConcurrency).Select(async worker =>
        {
            var local = created[worker] = [];
            long next = 0, end = 0;
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                if (next == end)
                {
                    next = await sequence.NextAsync(IdBlock);
                    end = next + IdBlock;
                }

                var id = next++;
                await grains.GetGrain<IProductGrain>(id).CreateAsync(CatalogGenerator.Product(id, $"PR{run}", [category.CategoryId]));
                local.Add(id);
            }
        }));

        // In creation order, so that the hot products are the first ones and the cold ones follow.
        return [.. created.SelectMany(c => c).Order()];
    }

    /// <summary>The gateway's product read without its middleware: the same grain call, the same page JSON, the same JSON options.</summary>
    private static async Task<WebApplication> StartBareAsync(IGrainFactory grains)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{ImportBenchmark.FreePort()}");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        builder.Services.AddSingleton<ProductPageJson>();
        var app = builder.Build();
        var pages = app.Services.GetRequiredService<ProductPageJson>();
        app.MapGet(Route, async (long productId) =>
            await grains.GetGrain<IProductGrain>(productId).ViewAsync() is { } view
                ? Results.Bytes(pages.Of(view), ProductPageJson.ContentType)
                : Results.NotFound());
        await app.StartAsync();
        return app;
    }

    /// <summary>The baseline: a minimal Kestrel application whose one endpoint answers the same JSON bytes from memory.</summary>
    private static async Task<WebApplication> StartRawAsync(byte[] json)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{ImportBenchmark.FreePort()}");
        var app = builder.Build();
        app.MapGet(Route, (long productId) => Results.Bytes(json, "application/json; charset=utf-8"));
        await app.StartAsync();
        return app;
    }
}
