namespace Shop.Bench;

/// <summary>
/// Durable <see cref="IPersistentState{TState}"/> writes per second on MariaDB, 1,000 grains each writing
/// its state again as soon as the previous write is acknowledged, in one silo with two grain storage
/// providers on the same database (same server, same durability):
/// our group-commit grain storage (AddMySqlStorage, the silo's default) and Orleans' ADO.NET grain
/// storage (AddAdoNetGrainStorage over MySqlConnector, <see cref="AdoNetStorage"/>).
/// </summary>
/// <remarks>
/// Both sets of grains are activated and written once before measuring (the first write of an ADO.NET
/// grain inserts its row). The measured time is split in four slices, run ours, Orleans', Orleans', ours,
/// so that a neighbour's load that comes and goes on the shared machine weighs on both alike.
/// </remarks>
internal static class StateWriteBenchmark
{
    public const string AdoNetStorage = "orleans-adonet";

    private const int Grains = 1000;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        await ShopMySql.EnsureSchemaAsync(options.MySqlConnectionString);
        await using var silo = await BenchSilo.StartAsync(s => s
            .AddShopMySqlStorage(options.MySqlConnectionString)
            .AddAdoNetGrainStorage(AdoNetStorage, o =>
            {
                o.Invariant = ShopMySql.AdoNetInvariant;
                o.ConnectionString = options.MySqlConnectionString;
            }));

        // Keys of their own: our grain_state rows are not scoped by service id, so a fixed key would find an earlier run's state.
        var run = Random.Shared.NextInt64(1, long.MaxValue / 2);
        IStateWriterGrain[] ours = [.. Enumerable.Range(0, Grains).Select(i => silo.Grains.GetGrain<IWriterGrain>(run + i))];
        IStateWriterGrain[] orleans = [.. Enumerable.Range(0, Grains).Select(i => silo.Grains.GetGrain<IAdoNetWriterGrain>(run + i))];

        // First writes (they insert the rows) a few grains at a time, retried on failure: many concurrent first
        // writes through Orleans' ADO.NET queries can deadlock in InnoDB (see docs/benchmarks.md). Not measured.
        var oursRetries = await FirstWritesAsync(ours);
        var orleansRetries = await FirstWritesAsync(orleans);
        Console.WriteLine($"state-writes: first writes (row inserts, not measured) retried after an error: ours {oursRetries}, orleans-adonet {orleansRetries}");

        // Warm-up: activations, JIT, connection pools.
        var warmUp = TimeSpan.FromSeconds(Math.Min(3, Math.Max(1, options.Duration.TotalSeconds / 2)));
        var oursWarmUp = Grains + (await Load.RunAsync(Grains, warmUp, worker => ours[worker].WriteAsync())).Count;
        var orleansWarmUp = Grains + (await Load.RunAsync(Grains, warmUp, worker => orleans[worker].WriteAsync())).Count;

        var slice = options.Duration / 2;
        var oursTotal = new Tally();
        var orleansTotal = new Tally();
        var cpu = new CpuMeter();
        oursTotal.Add(await Load.RunAsync(Grains, slice, worker => ours[worker].WriteAsync()));
        var oursCpu = cpu.Describe();
        cpu = new CpuMeter();
        orleansTotal.Add(await Load.RunAsync(Grains, slice, worker => orleans[worker].WriteAsync()));
        var orleansCpu = cpu.Describe();
        orleansTotal.Add(await Load.RunAsync(Grains, slice, worker => orleans[worker].WriteAsync()));
        oursTotal.Add(await Load.RunAsync(Grains, slice, worker => ours[worker].WriteAsync()));

        // Every acknowledged write, warm-up included, is counted in its grain's state.
        var oursStored = (await Task.WhenAll(ours.Select(g => g.GetWritesAsync()))).Sum();
        var orleansStored = (await Task.WhenAll(orleans.Select(g => g.GetWritesAsync()))).Sum();
        var consistent = oursStored == oursWarmUp + oursTotal.Count && orleansStored == orleansWarmUp + orleansTotal.Count;

        var oursRate = oursTotal.Rate;
        var orleansRate = orleansTotal.Rate;
        Console.WriteLine(FormattableString.Invariant(
            $"state-writes: ours {oursTotal.Count:N0} writes in {oursTotal.Elapsed.TotalSeconds:F1} s, orleans-adonet {orleansTotal.Count:N0} writes in {orleansTotal.Elapsed.TotalSeconds:F1} s, {Grains:N0} grains each; acknowledged writes incl. warm-up {oursWarmUp + oursTotal.Count:N0} and {orleansWarmUp + orleansTotal.Count:N0}, states hold {oursStored:N0} and {orleansStored:N0}"));
        Console.WriteLine($"state-writes: first slice of ours: {oursCpu}");
        Console.WriteLine($"state-writes: first slice of orleans-adonet: {orleansCpu}");
        Console.WriteLine($"state-writes: grains {Load.Format(oursRate)}/s, orleans-adonet {Load.Format(orleansRate)}/s, ratio {Load.Ratio(oursRate, orleansRate)}");
        return consistent ? 0 : 2;
    }

    private static async Task<int> FirstWritesAsync(IStateWriterGrain[] grains)
    {
        var retries = 0;
        foreach (var chunk in grains.Chunk(8))
        {
            await Task.WhenAll(chunk.Select(async grain =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await grain.WriteAsync();
                        return;
                    }
                    catch (Exception) when (attempt < 10)
                    {
                        Interlocked.Increment(ref retries);
                    }
                }
            }));
        }

        return retries;
    }

    private sealed class Tally
    {
        public long Count { get; private set; }

        public TimeSpan Elapsed { get; private set; }

        public double Rate => Count / Elapsed.TotalSeconds;

        public void Add((long Count, TimeSpan Elapsed) run)
        {
            Count += run.Count;
            Elapsed += run.Elapsed;
        }
    }
}
