using Shop.Grains.Interfaces.Operations;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Operations;

/// <summary>
/// What <see cref="OperationsGrain"/> knows: the latest report of every silo, merged into the cluster's figures, and the
/// history samples. Silos silent for <see cref="OperationsOptions.SiloSilentAfter"/> are forgotten, samples older than
/// <see cref="OperationsOptions.HistoryLength"/> dropped. Ages are measured on the monotonic clock, so a jump of the wall
/// clock neither forgets a live silo nor keeps a dead one.
/// </summary>
internal sealed class ClusterActivity(OperationsOptions options, TimeProvider time)
{
    /// <summary>Most hot SKUs shown (and reported by each silo).</summary>
    public const int MaxHotSkus = 10;

    private static readonly IReadOnlyDictionary<OrderStatus, long> NoOrders = Enum.GetValues<OrderStatus>().ToDictionary(s => s, _ => 0L);

    private readonly Dictionary<string, (SiloActivity Report, long ReceivedAt)> _silos = new(StringComparer.Ordinal);
    private readonly Queue<(OperationsSample Sample, long TakenAt)> _history = new();

    public bool HasHistory => _history.Count > 0;

    public void Report(SiloActivity report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _silos[report.Silo] = (report, time.GetTimestamp());
    }

    /// <summary>Adds a history sample of the figures now, with what the grain read besides.</summary>
    public OperationsSample AddSample(int deadLetters, int stuckSagas, IReadOnlyDictionary<OrderStatus, long> ordersByStatus)
    {
        var reports = FreshReports();
        var queues = Queues(reports);
        var sample = new OperationsSample(
            time.GetUtcNow(),
            queues.Sum(q => q.EventsPerSecond),
            queues.Count == 0 ? TimeSpan.Zero : queues.Max(q => q.Lag),
            ReadModels(reports).Max(r => r.Lag),
            deadLetters,
            stuckSagas,
            ordersByStatus);
        _history.Enqueue((sample, time.GetTimestamp()));
        return sample;
    }

    public OperationsSnapshot Snapshot()
    {
        var reports = FreshReports();
        var queues = Queues(reports);
        var history = History();
        return new OperationsSnapshot(
            time.GetUtcNow(),
            reports.Count,
            queues.Sum(q => q.EventsPerSecond),
            queues,
            ReadModels(reports),
            history.Count > 0 ? history[^1].OrdersByStatus : NoOrders,
            HotSkus(reports),
            history);
    }

    /// <summary>The samples within the history window, oldest first; older ones are dropped.</summary>
    private List<OperationsSample> History()
    {
        var now = time.GetTimestamp();
        while (_history.TryPeek(out var oldest) && time.GetElapsedTime(oldest.TakenAt, now) > options.HistoryLength)
        {
            _history.Dequeue();
        }

        return [.. _history.Select(h => h.Sample)];
    }

    /// <summary>The reports of the silos heard from lately; the others are forgotten.</summary>
    private List<SiloActivity> FreshReports()
    {
        var now = time.GetTimestamp();
        foreach (var silent in _silos.Where(s => time.GetElapsedTime(s.Value.ReceivedAt, now) > options.SiloSilentAfter).Select(s => s.Key).ToList())
        {
            _silos.Remove(silent);
        }

        return [.. _silos.Values.Select(s => s.Report)];
    }

    /// <summary>
    /// Per queue over the silos: counts and rates add up (each silo counts what its own consumers handled), and the lag is
    /// that of the last event handled anywhere.
    /// </summary>
    private static List<QueueActivity> Queues(List<SiloActivity> reports) =>
        [.. reports.SelectMany(r => r.Queues)
            .GroupBy(q => q.Queue, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var last = g.MaxBy(q => q.LastHandledAt)!;
                return new QueueActivity(g.Key, g.Sum(q => q.Handled), g.Sum(q => q.EventsPerSecond), last.Lag, last.LastHandledAt);
            })];

    /// <summary>Each read model's latest measurement on any silo; catalog and orders always, zero before their first change.</summary>
    private static List<ReadModelLag> ReadModels(List<SiloActivity> reports)
    {
        var latest = reports.SelectMany(r => r.ReadModels)
            .GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.MeasuredAt).ThenByDescending(m => m.Lag).First(), StringComparer.Ordinal);
        return [.. new[] { ReadModelLag.Catalog, ReadModelLag.Orders }.Union(latest.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            .Select(name => latest.GetValueOrDefault(name) ?? new ReadModelLag(name, TimeSpan.Zero, null))];
    }

    /// <summary>A SKU's grain lives on one silo at a time, so its reservations are mostly one silo's; a move adds them up.</summary>
    private static List<SkuReservations> HotSkus(List<SiloActivity> reports) =>
        [.. reports.SelectMany(r => r.HotSkus)
            .GroupBy(s => s.Sku, StringComparer.Ordinal)
            .Select(g => new SkuReservations(g.Key, g.Sum(s => s.Reservations)))
            .OrderByDescending(s => s.Reservations).ThenBy(s => s.Sku, StringComparer.Ordinal)
            .Take(MaxHotSkus)];
}
