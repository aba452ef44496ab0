using Microsoft.Extensions.Options;
using Shop.Grains.Operations;

namespace Shop.Grains.Tests.Operations;

/// <summary>The hot-SKU counter: reservations within the sliding window, the SKUs with the most first.</summary>
public sealed class SkuActivityTests
{
    private readonly ManualClock _clock = new();
    private readonly OperationsOptions _options = new() { HotSkuWindow = TimeSpan.FromMinutes(5) };

    [Fact]
    public void The_hottest_SKUs_are_those_with_the_most_reservations_in_the_window()
    {
        var activity = new SkuActivity(Options.Create(_options), _clock);
        Reserve(activity, "A", 3);
        Reserve(activity, "B", 5);
        Reserve(activity, "C", 1);

        Assert.Equal([("B", 5L), ("A", 3L)], activity.Hottest(2).Select(s => (s.Sku, s.Reservations)));
        Assert.Equal(["B", "A", "C"], activity.Hottest(10).Select(s => s.Sku));
    }

    [Fact]
    public void Reservations_leave_the_count_once_the_window_has_passed_them()
    {
        var activity = new SkuActivity(Options.Create(_options), _clock);
        Reserve(activity, "OLD", 4);
        _clock.Advance(TimeSpan.FromMinutes(3));
        Reserve(activity, "NEW", 2);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Reserve(activity, "OLD", 1);
        Assert.Equal([("OLD", 5L), ("NEW", 2L)], activity.Hottest(10).Select(s => (s.Sku, s.Reservations)));

        // The first four are six minutes old, beyond the five-minute window and its last slice.
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal([("NEW", 2L), ("OLD", 1L)], activity.Hottest(10).Select(s => (s.Sku, s.Reservations)));

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(activity.Hottest(10));
    }

    [Fact]
    public void Reservations_counted_from_many_threads_at_once_are_all_counted()
    {
        var activity = new SkuActivity(Options.Create(_options), _clock);
        Parallel.For(0, 40_000, i => activity.Reserved(i % 2 == 0 ? "EVEN" : "ODD"));

        Assert.Equal([("EVEN", 20_000L), ("ODD", 20_000L)], activity.Hottest(10).Select(s => (s.Sku, s.Reservations)));
    }

    private static void Reserve(SkuActivity activity, string sku, int times)
    {
        for (var i = 0; i < times; i++)
        {
            activity.Reserved(sku);
        }
    }
}
