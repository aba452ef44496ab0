using System.Diagnostics;
using System.Globalization;
using Shop.Grains.ReadModels;

namespace Shop.Bench;

/// <summary>
/// Catalog search on the read model (<see cref="ICatalogReadModel.SearchAsync"/>: Mroonga on MariaDB by default, or the
/// SQLite FTS5 trigram file), in one run:
/// 1. fill: <c>--products</c> synthetic products (<see cref="SearchCatalog"/>) through <see cref="ICatalogReadModel.ApplyAsync"/>,
///    several callers of 1,000 changes at once as a bulk import's projections would, reported in products/s. The filled
///    store is kept: the next run with the same number of products skips this step unless <c>--refill</c> is given;
/// 2. the shoppers' searches (<see cref="SearchQueryMix"/>) from <see cref="Workers"/> concurrent workers for
///    <c>--seconds</c>, latency p50/p99 and queries/s;
/// 3. the baseline, in the same run on the same store: the same sequence of words, each as plain
///    <c>title LIKE '%word%'</c> over <c>catalog_products</c> (a COUNT, then the newest 20), no filters, same workers and time;
/// 4. category listings (<see cref="ICatalogReadModel.ListByCategoryAsync"/>) of a top-level category with its
///    descendants, its first page and a page from the middle, for half the time each.
/// </summary>
internal static class SearchBenchmark
{
    private const int DefaultProducts = 1_000_000;
    private const int Workers = 16;
    private const int FillCallers = 8;
    private const int FillCallSize = 1_000;
    private const int Seed = 1;
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(20);

    // JIT, connection pools and the database's caches warm up before each measured phase (a different seed, so the
    // measured queries are not simply the warm-up's again).
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var products = options.Products ?? DefaultProducts;
        var duration = options.DurationOr(DefaultDuration);
        SearchBenchStore store = options.OnMySql ? new MySqlSearchBenchStore(options.MySqlConnectionString) : new SqliteSearchBenchStore();
        var name = options.OnMySql ? "search mysql" : "search sqlite";
        Console.WriteLine($"{name}: {await store.DescribeAsync()}");

        if (!options.Refill && await store.HoldsAsync(products))
        {
            Console.WriteLine(FormattableString.Invariant($"{name}: the store holds the {products:N0} products of an earlier run; not filled again (--refill fills it again)"));
        }
        else
        {
            await store.ResetAsync();
            await FillAsync(store, products, name);
        }

        var model = await store.OpenAsync();
        try
        {
            // Brand filters pick among the brands the catalog really has.
            var mix = new SearchQueryMix(Enumerable.Range(1, 500).Select(id => SearchCatalog.Change(id).Listing!.Brand));
            Console.WriteLine(FormattableString.Invariant($"{name}: {mix.Describe()}; {Workers} workers, {duration.TotalSeconds:F0} s for the read model and for the baseline"));

            long hits = 0;
            long empty = 0;
            async Task<string> SearchAsync(Random random)
            {
                var (query, kind) = mix.Next(random);
                var page = await model.SearchAsync(query);
                Interlocked.Add(ref hits, page.Total);
                if (page.Total == 0)
                {
                    Interlocked.Increment(ref empty);
                }

                return kind;
            }

            await LatencyLoad.RunAsync(Workers, WarmUp, Seed + 1000, SearchAsync);
            (hits, empty) = (0, 0);
            var cpu = new CpuMeter();
            var searched = await LatencyLoad.RunAsync(Workers, duration, Seed, SearchAsync);
            var searchCpu = cpu.Describe();
            Console.WriteLine(Line($"{name}: read model", searched) + FormattableString.Invariant(
                $"; {(double)hits / searched.Count:F0} hits per query on average, {100.0 * empty / searched.Count:F1}% found nothing"));
            foreach (var (kind, latency) in searched.ByKind)
            {
                Console.WriteLine(FormattableString.Invariant($"{name}:   {kind}: {latency.Count} queries, p50 {latency.P50:F1} ms, p99 {latency.P99:F1} ms"));
            }

            Console.WriteLine($"{name}: read model: {searchCpu}");

            async Task<string> LikeAsync(Random random)
            {
                var (query, kind) = mix.Next(random);
                await store.LikeAsync(query.Text!);
                return kind;
            }

            await LatencyLoad.RunAsync(Workers, WarmUp, Seed + 1000, LikeAsync);
            cpu = new CpuMeter();
            var baseline = await LatencyLoad.RunAsync(Workers, duration, Seed, LikeAsync);
            var baselineCpu = cpu.Describe();
            Console.WriteLine(Line($"{name}: baseline LIKE '%word%' on titles", baseline));
            Console.WriteLine($"{name}: baseline: {baselineCpu}");

            var top = SearchCatalog.TopPaths[0];
            var first = await model.ListByCategoryAsync(top, true, 1, SearchQueryMix.PageSize);
            var deepPage = (int)Math.Max(2, first.Total / SearchQueryMix.PageSize / 2);
            var listingTime = duration / 2;
            await LatencyLoad.RunAsync(Workers, WarmUp, Seed, async _ => { await model.ListByCategoryAsync(top, true, deepPage, SearchQueryMix.PageSize); return ""; });
            var firstPages = await LatencyLoad.RunAsync(Workers, listingTime, Seed, async _ => { await model.ListByCategoryAsync(top, true, 1, SearchQueryMix.PageSize); return ""; });
            var deepPages = await LatencyLoad.RunAsync(Workers, listingTime, Seed, async _ => { await model.ListByCategoryAsync(top, true, deepPage, SearchQueryMix.PageSize); return ""; });
            Console.WriteLine(FormattableString.Invariant(
                $"{name}: listing category \"{top}\" with descendants ({first.Total:N0} products), page 1: p50 {firstPages.All.P50:F1} ms, p99 {firstPages.All.P99:F1} ms, {firstPages.Rate:F0} q/s; page {deepPage:N0}: p50 {deepPages.All.P50:F1} ms, p99 {deepPages.All.P99:F1} ms, {deepPages.Rate:F0} q/s ({listingTime.TotalSeconds:F0} s each)"));

            Console.WriteLine(FormattableString.Invariant(
                $"search: products {products}, p50 {searched.All.P50:F1} ms, p99 {searched.All.P99:F1} ms, {searched.Rate:F1} q/s, baseline {baseline.Rate:F1} q/s, ratio {searched.Rate / baseline.Rate:F1}"));
            return 0;
        }
        finally
        {
            await ((IAsyncDisposable)model).DisposeAsync();
        }
    }

    private static async Task FillAsync(SearchBenchStore store, int products, string name)
    {
        var model = await store.OpenAsync();
        try
        {
            var next = 0L;
            var done = 0L;
            var step = Math.Max(FillCallSize, products / 10);
            var cpu = new CpuMeter();
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, FillCallers).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var start = Interlocked.Add(ref next, FillCallSize) - FillCallSize;
                    if (start >= products)
                    {
                        return;
                    }

                    var end = Math.Min(products, start + FillCallSize);
                    var changes = new List<CatalogChange>((int)(end - start));
                    for (var id = start + 1; id <= end; id++)
                    {
                        changes.Add(SearchCatalog.Change(id));
                    }

                    await model.ApplyAsync(changes);
                    var total = Interlocked.Add(ref done, changes.Count);
                    if ((total - changes.Count) / step != total / step)
                    {
                        Console.WriteLine(FormattableString.Invariant(
                            $"{name}: filled {total:N0} of {products:N0} in {stopwatch.Elapsed.TotalSeconds:F0} s ({total / stopwatch.Elapsed.TotalSeconds:F0} products/s so far)"));
                    }
                }
            })));
            stopwatch.Stop();
            Console.WriteLine(FormattableString.Invariant(
                $"{name}: fill: {products:N0} products through ApplyAsync in {stopwatch.Elapsed.TotalSeconds:F1} s, {products / stopwatch.Elapsed.TotalSeconds:F0} products/s ({FillCallers} callers of {FillCallSize:N0} changes, {store.CommittedBatches(model):N0} transactions; generating the products included)"));
            Console.WriteLine($"{name}: fill: {cpu.Describe()}");
        }
        finally
        {
            await ((IAsyncDisposable)model).DisposeAsync();
        }
    }

    private static string Line(string label, LatencyLoad.Result result) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: {result.Count:N0} queries in {result.Elapsed.TotalSeconds:F1} s, p50 {result.All.P50:F1} ms, p99 {result.All.P99:F1} ms, {result.Rate:F1} q/s");
}
