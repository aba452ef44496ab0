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
        --mysql or SHOP_BENCH_MYSQL: the MariaDB connection string (default: the scripts/test.sh account)
        SHOP_BENCH_KAFKA: Kafka brokers for streams (default: librdkafka's mock broker in this process)
        """);
    return 1;
}
