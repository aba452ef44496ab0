namespace Shop.Bench;

/// <summary>
/// Orleans grain calls per second in one silo, made from host code through the silo's
/// <see cref="IGrainFactory"/>: all callers on one grain (turn-based, so one call at a time), and callers
/// spread over 1,000 grains. Baseline in the same run: the same method on a plain object behind a
/// SemaphoreSlim, which is what serializing access costs without a runtime. No storage is involved.
/// </summary>
internal static class GrainCallBenchmark
{
    private const int Callers = 64;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var silo = await BenchSilo.StartAsync(_ => { });

        var baseline = new LockedCounter();
        var baselineRate = await Load.OpsPerSecondAsync(Callers, options.Duration, worker => baseline.PingAsync(worker));

        var one = silo.Grains.GetGrain<IPingGrain>(0);
        var oneRate = await Load.OpsPerSecondAsync(Callers, options.Duration, worker => one.PingAsync(worker));

        var grains = Enumerable.Range(0, 1000).Select(i => silo.Grains.GetGrain<IPingGrain>(i)).ToArray();
        var next = new int[Callers];
        var spreadRate = await Load.OpsPerSecondAsync(Callers, options.Duration, worker =>
            grains[(next[worker]++ * Callers + worker) % grains.Length].PingAsync(worker));

        Console.WriteLine($"calls: baseline (SemaphoreSlim-guarded object) {Load.Format(baselineRate)}/s");
        Console.WriteLine($"calls: one grain {Load.Format(oneRate)}/s, ratio {Load.Ratio(oneRate, baselineRate)}");
        Console.WriteLine($"calls: 1,000 grains {Load.Format(spreadRate)}/s, ratio {Load.Ratio(spreadRate, baselineRate)}");
        return 0;
    }

    private sealed class LockedCounter
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private int _calls;

        public async Task<int> PingAsync(int value)
        {
            await _gate.WaitAsync();
            try
            {
                return value + ++_calls;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
