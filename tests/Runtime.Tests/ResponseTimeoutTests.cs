using Shop.Runtime.Tests.TestGrains;

namespace Shop.Runtime.Tests;

[Collection(RuntimeCluster.Name)]
public sealed class ResponseTimeoutTests(RuntimeClusterFixture fixture)
{
    [Fact]
    public async Task A_call_slower_than_the_response_timeout_throws_TimeoutException()
    {
        var grain = fixture.Grains.GetGrain<ISlowGrain>(ProbeLog.NewKey("slow"));

        await Assert.ThrowsAsync<TimeoutException>(() => grain.DelayAsync((int)(RuntimeClusterFixture.ResponseTimeout.TotalMilliseconds * 2)));
    }

    [Fact]
    public async Task The_per_method_timeout_overrides_the_silo_default()
    {
        // Two grains: a timed-out call keeps its activation busy until its delay ends, and a second
        // call queued behind it on the same grain would race the silo default instead of testing it.
        var overridden = fixture.Grains.GetGrain<ISlowGrain>(ProbeLog.NewKey("slow"));
        var defaulted = fixture.Grains.GetGrain<ISlowGrain>(ProbeLog.NewKey("slow"));

        // 900 ms is beyond the method's 300 ms but well inside the silo's 3 s default.
        await Assert.ThrowsAsync<TimeoutException>(() => overridden.DelayWithShortTimeoutAsync(900));
        Assert.Equal(900, await defaulted.DelayAsync(900));
    }
}
