using System.Diagnostics;

namespace Shop.Bench;

/// <summary>
/// Runs concurrent workers for a fixed time, each doing one operation after another, and keeps every operation's
/// latency by the kind the operation reports. Each worker has its own <see cref="Random"/> seeded from
/// <c>seed + worker</c>, so two runs with the same seed draw the same operations in the same order. A run given
/// <c>exhausted</c> also ends early, once that says there is nothing left to do.
/// </summary>
internal static class LatencyLoad
{
    public static async Task<Result> RunAsync(int workers, TimeSpan duration, int seed, Func<Random, Task<string>> operation, Func<bool>? exhausted = null)
    {
        var latencies = new List<(string Kind, double Ms)>[workers];
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed + worker);
            var local = new List<(string Kind, double Ms)>();
            while (stopwatch.Elapsed < duration && exhausted?.Invoke() != true)
            {
                var started = Stopwatch.GetTimestamp();
                var kind = await operation(random);
                local.Add((kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }

            latencies[worker] = local;
        })));

        // Operations still running at the deadline are waited for and counted, so the elapsed time is taken after them.
        var elapsed = stopwatch.Elapsed;
        var all = latencies.SelectMany(l => l).ToList();
        return new Result(
            all.Count,
            elapsed,
            Percentiles.Of(all.Select(l => l.Ms)),
            all.GroupBy(l => l.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Percentiles.Of(g.Select(l => l.Ms))))
        {
            Samples = all,
        };
    }

    public sealed record Result(long Count, TimeSpan Elapsed, Percentiles All, IReadOnlyDictionary<string, Percentiles> ByKind)
    {
        public double Rate => Count / Elapsed.TotalSeconds;

        /// <summary>Every operation's kind and latency, so that runs taken in slices can be put together.</summary>
        public IReadOnlyList<(string Kind, double Ms)> Samples { get; init; } = [];
    }

    public sealed record Percentiles(long Count, double P50, double P99)
    {
        public static Percentiles Of(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0
                ? new Percentiles(0, double.NaN, double.NaN)
                : new Percentiles(sorted.Length, sorted[(int)(0.50 * (sorted.Length - 1))], sorted[(int)Math.Ceiling(0.99 * (sorted.Length - 1))]);
        }
    }
}
