using System.Diagnostics;
using System.Globalization;

namespace Shop.Bench;

/// <summary>Runs concurrent workers for a fixed time and counts completed operations.</summary>
internal static class Load
{
    public static async Task<double> OpsPerSecondAsync(int workers, TimeSpan duration, Func<int, Task> operation)
    {
        // Warm up briefly so JIT and first activations are out of the measurement.
        await RunAsync(workers, TimeSpan.FromMilliseconds(500), operation);
        var (count, elapsed) = await RunAsync(workers, duration, operation);
        return count / elapsed.TotalSeconds;
    }

    public static async Task<(long Count, TimeSpan Elapsed)> RunAsync(int workers, TimeSpan duration, Func<int, Task> operation)
    {
        long count = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var local = 0L;
            while (stopwatch.Elapsed < duration)
            {
                await operation(worker);
                local++;
            }

            Interlocked.Add(ref count, local);
        })));
        return (count, stopwatch.Elapsed);
    }

    public static string Format(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ratio(double value, double baseline) => (value / baseline).ToString("F2", CultureInfo.InvariantCulture);
}
