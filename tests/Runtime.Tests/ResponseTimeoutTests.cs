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
        var grain = fixture.Grains.GetGrain<ISlowGrain>(ProbeLog.NewKey("slow"));

        // 1.5 s is well inside the silo's 3 s default but beyond the method's 300 ms.
        await Assert.ThrowsAsync<TimeoutException>(() => grain.DelayWithShortTimeoutAsync(1500));
        Assert.Equal(1500, await grain.DelayAsync(1500));
    }
}
