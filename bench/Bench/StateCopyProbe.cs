using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Shop.Grains.Inventory;
using Shop.Journaling;

namespace Shop.Bench;

/// <summary>
/// Times, on this machine and in this process, the per-commit work that grows with a SKU's state:
/// Orleans' event sourcing rebuilds <c>TentativeState</c> after every confirmed write by deep-copying the
/// confirmed state (<c>PrimaryBasedLogViewAdaptor.CalculateTentativeState</c>), and a snapshot serializes
/// the whole state to JSON. The state is built the way the benchmark built it: one order per reservation,
/// spread over the callers' users.
/// </summary>
internal static class StateCopyProbe
{
    public static (double CopyMs, double SnapshotMs) Measure(IServiceProvider services, int orders, int users)
    {
        var copier = services.GetRequiredService<DeepCopier>();
        var now = DateTimeOffset.UtcNow;
        var state = new SkuState();
        state.Apply(state.StockSetLine(Math.Max(orders, 1) * 2, "bench", now));
        for (var i = 0; i < orders; i++)
        {
            var user = $"user-{i % users}";
            state.Apply(state.ReservedLine($"{i % users}-{i / users}", user, 1, now));
        }

        var copies = new double[5];
        for (var i = 0; i < copies.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = copier.Copy(state);
            copies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var snapshotStarted = Stopwatch.GetTimestamp();
        _ = JournalJson.Serialize(state);
        var snapshotMs = Stopwatch.GetElapsedTime(snapshotStarted).TotalMilliseconds;
        Array.Sort(copies);
        return (copies[copies.Length / 2], snapshotMs);
    }
}
