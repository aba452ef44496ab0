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
          calls          grain-call throughput in-process: one grain, and spread over 1,000 grains
          state-writes   grain state writes/s on SQLite and on MariaDB, against plain ADO.NET updates
          hot-sku        one hot SKU on MariaDB: SkuGrain (1,000 callers) against row-lock UPDATEs (32 connections)
          streams        durable stream events/s end to end and commit→handler latency on SQLite and MariaDB,
                         against plain ADO.NET inserts (--no-mysql: SQLite only)
        """);
    return 1;
}
