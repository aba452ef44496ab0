using Shop.Grains.Interfaces.Operations;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Operations;

namespace Shop.Grains.Tests.Operations;

/// <summary>
/// What the operations grain keeps: the latest report of every silo heard from within the silence limit, merged into the
/// cluster's figures, and a history of samples that reaches back as far as configured and no further.
/// </summary>
public sealed class ClusterActivityTests
{
    private static readonly IReadOnlyDictionary<OrderStatus, long> NoOrders = Enum.GetValues<OrderStatus>().ToDictionary(s => s, _ => 0L);

    private readonly ManualClock _clock = new();
    private readonly OperationsOptions _options = new();

    [Fact]
    public void A_silo_silent_for_longer_than_the_limit_is_forgotten_and_counts_again_once_it_reports()
    {
        var activity = new ClusterActivity(_options, _clock);
        activity.Report(Silo("a", Queue("events-0", handled: 10, perSecond: 2)));
        activity.Report(Silo("b", Queue("events-0", handled: 5, perSecond: 1)));
        Assert.Equal((2, 15L, 3.0), Figures(activity.Snapshot()));

        _clock.Advance(TimeSpan.FromSeconds(20));
        activity.Report(Silo("a", Queue("events-0", handled: 12, perSecond: 0.5)));
        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal((1, 12L, 0.5), Figures(activity.Snapshot()));

        activity.Report(Silo("b", Queue("events-0", handled: 7, perSecond: 1)));
        Assert.Equal((2, 19L, 1.5), Figures(activity.Snapshot()));

        _clock.Advance(_options.SiloSilentAfter + TimeSpan.FromSeconds(1));
        var empty = activity.Snapshot();
        Assert.Equal(0, empty.Silos);
        Assert.Empty(empty.Queues);
        Assert.Empty(empty.HotSkus);
    }

    [Fact]
    public void The_history_keeps_the_samples_of_the_window_oldest_first()
    {
        var activity = new ClusterActivity(_options, _clock);
        Assert.False(activity.HasHistory);
        var first = _clock.GetUtcNow();
        for (var i = 0; i <= 180; i++)
        {
            if (i > 0)
            {
                _clock.Advance(_options.SampleInterval);
            }

            activity.AddSample(deadLetters: i, stuckSagas: 0, NoOrders);
        }

        // 15 minutes of samples every 5 s; the last 10 minutes are kept, both ends included.
        var history = activity.Snapshot().History;
        Assert.Equal(121, history.Count);
        Assert.Equal(first + TimeSpan.FromMinutes(5), history[0].At);
        Assert.Equal(first + TimeSpan.FromMinutes(15), history[^1].At);
        Assert.Equal(Enumerable.Range(60, 121), history.Select(s => s.DeadLetters));

        // No sample for a while (the databases did not answer): the window still moves on.
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(13, activity.Snapshot().History.Count);
    }

    [Fact]
    public void A_sample_and_a_snapshot_merge_the_silos_figures()
    {
        var activity = new ClusterActivity(_options, _clock);
        var earlier = _clock.GetUtcNow();
        var later = earlier.AddSeconds(1);
        activity.Report(new SiloActivity(
            "a",
            [new QueueActivity("events-0", 10, 2, TimeSpan.FromMilliseconds(40), later), new QueueActivity("events-1", 3, 1, TimeSpan.FromMilliseconds(900), earlier)],
            [new ReadModelLag(ReadModelLag.Catalog, TimeSpan.FromMilliseconds(500), earlier), new ReadModelLag(ReadModelLag.Orders, TimeSpan.Zero, null)],
            [new SkuReservations("HOT", 30), new SkuReservations("WARM", 5)]));
        activity.Report(new SiloActivity(
            "b",
            [new QueueActivity("events-0", 4, 1, TimeSpan.FromMilliseconds(70), earlier)],
            [new ReadModelLag(ReadModelLag.Catalog, TimeSpan.FromMilliseconds(120), later), new ReadModelLag(ReadModelLag.Orders, TimeSpan.FromMilliseconds(80), later)],
            [new SkuReservations("WARM", 7), new SkuReservations("HOT", 1), .. Enumerable.Range(0, 12).Select(i => new SkuReservations($"COLD-{i:D2}", 1))]));
        var orders = new Dictionary<OrderStatus, long> { [OrderStatus.Pending] = 1, [OrderStatus.Completed] = 4, [OrderStatus.Cancelled] = 0, [OrderStatus.Refunded] = 0 };

        var sample = activity.AddSample(deadLetters: 2, stuckSagas: 1, orders);
        var snapshot = activity.Snapshot();

        Assert.Equal(
            [("events-0", 14L, 3.0, TimeSpan.FromMilliseconds(40)), ("events-1", 3L, 1.0, TimeSpan.FromMilliseconds(900))],
            snapshot.Queues.Select(q => (q.Queue, q.Handled, q.EventsPerSecond, q.Lag)));
        Assert.Equal(4.0, snapshot.EventsPerSecond);
        Assert.Equal(
            [(ReadModelLag.Catalog, TimeSpan.FromMilliseconds(120)), (ReadModelLag.Orders, TimeSpan.FromMilliseconds(80))],
            snapshot.ReadModels.Select(r => (r.Name, r.Lag)));
        Assert.Equal(ClusterActivity.MaxHotSkus, snapshot.HotSkus.Count);
        Assert.Equal([("HOT", 31L), ("WARM", 12L), ("COLD-00", 1L)], snapshot.HotSkus.Take(3).Select(s => (s.Sku, s.Reservations)));
        Assert.Equal(orders, snapshot.OrdersByStatus);
        Assert.Equal((4.0, TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(120), 2, 1), (sample.EventsPerSecond, sample.MaxQueueLag, sample.ReadModelLag, sample.DeadLetters, sample.StuckSagas));
        Assert.Equal(sample, Assert.Single(snapshot.History));
    }

    [Fact]
    public void Before_any_report_or_sample_the_figures_are_empty_but_complete()
    {
        var snapshot = new ClusterActivity(_options, _clock).Snapshot();

        Assert.Equal(0, snapshot.Silos);
        Assert.Equal([ReadModelLag.Catalog, ReadModelLag.Orders], snapshot.ReadModels.Select(r => r.Name));
        Assert.Equal(Enum.GetValues<OrderStatus>(), snapshot.OrdersByStatus.Keys.Order());
        Assert.All(snapshot.OrdersByStatus.Values, count => Assert.Equal(0, count));
        Assert.Empty(snapshot.History);
    }

    private static SiloActivity Silo(string name, QueueActivity queue) => new(name, [queue], [], [new SkuReservations("SKU-" + name, 1)]);

    private QueueActivity Queue(string queue, long handled, double perSecond) => new(queue, handled, perSecond, TimeSpan.FromMilliseconds(10), _clock.GetUtcNow());

    private static (int Silos, long Handled, double EventsPerSecond) Figures(OperationsSnapshot snapshot) =>
        (snapshot.Silos, snapshot.Queues.Sum(q => q.Handled), snapshot.EventsPerSecond);
}
