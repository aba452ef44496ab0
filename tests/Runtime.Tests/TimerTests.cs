using Shop.Runtime.Tests.TestGrains;

namespace Shop.Runtime.Tests;

[Collection(RuntimeCluster.Name)]
public sealed class TimerTests(RuntimeClusterFixture fixture)
{
    [Fact]
    public async Task Timer_ticks_never_overlap_even_when_the_callback_outlasts_the_period()
    {
        var grain = fixture.Grains.GetGrain<ITimerGrain>(ProbeLog.NewKey("timer"));

        await grain.StartAsync(periodMs: 10, callbackMs: 60);

        Assert.True(await Eventually.TrueAsync(async () => (await grain.GetReportAsync()).Ticks >= 5));
        Assert.Equal(1, (await grain.GetReportAsync()).MaxConcurrentTicks);
    }

    [Fact]
    public async Task A_timer_dies_with_its_activation()
    {
        var key = ProbeLog.NewKey("timer");
        var grain = fixture.Grains.GetGrain<ITimerGrain>(key);
        await grain.StartAsync(periodMs: 20, callbackMs: 1);
        Assert.True(await Eventually.TrueAsync(() => ProbeLog.Count(key, "tick") >= 3));

        await grain.LeaveAsync();
        await Task.Delay(300);
        var ticksAfterDeactivation = ProbeLog.Count(key, "tick");
        await Task.Delay(500);

        Assert.Equal(ticksAfterDeactivation, ProbeLog.Count(key, "tick"));
        Assert.Equal(0, (await grain.GetReportAsync()).Ticks);
    }
}
