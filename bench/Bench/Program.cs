using Shop.Bench;

// One console program, one subcommand per benchmark. Each prints its results with a same-run
// baseline, because the machines are shared and only ratios compare across runs.
var command = args.FirstOrDefault() ?? "help";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
return command switch
{
    "calls" => await GrainCallBenchmark.RunAsync(options),
    "state-writes" => await StateWriteBenchmark.RunAsync(options),
    "hot-sku" => await HotSkuBenchmark.RunAsync(options),
    "streams" => await StreamBenchmark.RunAsync(options),
    "import" => await ImportBenchmark.RunAsync(options.Products ?? 100_000, options.OnMySql, options.MySqlConnectionString, options.Streams),
    "search" => await SearchBenchmark.RunAsync(options),
    "order-flow" => await OrderFlowBenchmark.RunAsync(options),
    "product-reads" => await ProductReadsBenchmark.RunAsync(options),
    "cluster" => await ClusterBenchmark.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("""
        usage: dotnet run -c Release --project bench/Bench -- <benchmark> [--seconds N] [--mysql "<connection string>"]
          calls          Orleans grain calls/s in one silo: one grain, and spread over 1,000 grains,
                         against a SemaphoreSlim-guarded plain object
          state-writes   IPersistentState writes/s of 1,000 grains on MariaDB: our grain storage (AddMySqlStorage)
                         against Orleans' ADO.NET grain storage, same database, same silo
          hot-sku        one hot SKU on MariaDB: SkuGrain (1,000 callers) against one SQL transaction per
                         reservation (32 connections, MySqlConnector)
          streams        events/s and commit-to-handler latency through the outbox relay on the SQLite queue,
                         Orleans' ADO.NET streams on MariaDB and Kafka, against plain Confluent.Kafka
          import         a catalog import through ProductGrain.CreateAsync on a silo hosted as src/Silo hosts it,
                         then the wait until the read model lists every product, against one plain
                         transaction per product document [--products N (100,000)] [--storage MySql|Sqlite]
                         [--streams Database|Kafka]
          search         catalog search on the read model (Mroonga on MariaDB, or SQLite FTS5): fills it once with
                         synthetic products (kept for the next run), then a mixed query load against plain
                         LIKE '%term%' over the titles, and category listings
                         [--products N (1,000,000)] [--seconds S (20)] [--storage MySql|Sqlite] [--refill]
          order-flow     orders over HTTP on MariaDB (silo with its gateway, database streams, a mix of payment tokens),
                         on one hot SKU and on 100 SKUs: accepted/s with p50/p99 to the 202 and settled/s, against
                         one synchronous SQL transaction per order (lock the stock row, insert order and outbox row)
                         [--seconds S (20)] [--streams Database|Kafka]
          product-reads  product page reads (GET /api/products/{id}) over HTTP through the co-hosted gateway on the
                         embedded SQLite default: hot products (already active) and cold ones (first read since a
                         restart), reads/s with p50/p99, against a minimal Kestrel endpoint answering the same JSON
                         bytes from memory, and the gateway's grain calls without its middleware ("bare")
                         [--products N (4,000)] [--seconds S per phase (10)]
          cluster        the order flow across three src/Silo processes and two src/Gateway processes on MariaDB, then
                         with the silo holding the most SKU grains SIGKILLed mid-run: orders/s before and after, seconds
                         until its SKU grains answer again, and accepted orders that never settle (must be 0)
                         [--seconds S per phase (20)] [--clients N (32)] [--streams Kafka|Database (Kafka)]
        --mysql or SHOP_BENCH_MYSQL: the MariaDB connection string (default: the scripts/test.sh account)
        SHOP_BENCH_KAFKA: Kafka brokers for streams and cluster (default: librdkafka's mock broker in this process)
        """);
    return 1;
}
