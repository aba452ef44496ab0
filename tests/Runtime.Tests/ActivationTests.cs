using Shop.Runtime.Hosting;
using Shop.Runtime.Tests.TestGrains;
using Shop.TestKit;

namespace Shop.Runtime.Tests;

[Collection(RuntimeCluster.Name)]
public sealed class ActivationTests(RuntimeClusterFixture fixture)
{
    [Fact]
    public async Task A_burst_of_concurrent_first_calls_creates_exactly_one_activation()
    {
        var key = ProbeLog.NewKey("burst");

        var pings = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(() => fixture.Grains.GetGrain<ILifecycleGrain>(key).PingAsync())));

        Assert.Equal(1, ProbeLog.Count(key, "constructed"));
        Assert.Equal(1, ProbeLog.Count(key, "activated"));
        Assert.Equal(Enumerable.Range(1, 500), pings.Order());
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_with_its_type_and_message_and_the_activation_keeps_serving()
    {
        var grain = fixture.Grains.GetGrain<ILifecycleGrain>(ProbeLog.NewKey("fail"));
        var instance = await grain.InstanceAsync();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.FailAsync("the answer is no"));

        Assert.Equal("the answer is no", exception.Message);
        Assert.Equal(1, await grain.PingAsync());
        Assert.Equal(instance, await grain.InstanceAsync());
    }

    [Fact]
    public async Task DeactivateOnIdle_runs_OnDeactivateAsync_after_the_call_and_the_next_call_activates_anew()
    {
        var key = ProbeLog.NewKey("leave");
        var grain = fixture.Grains.GetGrain<ILifecycleGrain>(key);
        var first = await grain.InstanceAsync();

        await grain.LeaveAsync();

        Assert.True(await Eventually.TrueAsync(() => ProbeLog.Count(key, "deactivated:ApplicationRequested") == 1));
        Assert.NotEqual(first, await grain.InstanceAsync());
        Assert.Equal(2, ProbeLog.Count(key, "activated"));
    }

    [Fact]
    public async Task Calls_racing_a_deactivation_are_served_by_the_next_activation()
    {
        var key = ProbeLog.NewKey("race");
        var grain = fixture.Grains.GetGrain<ILifecycleGrain>(key);
        await grain.PingAsync();

        var leave = grain.LeaveAsync();
        var pings = Enumerable.Range(0, 50).Select(_ => grain.PingAsync()).ToArray();
        await leave;
        await Task.WhenAll(pings);

        Assert.All(pings, p => Assert.True(p.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task An_idle_activation_is_collected_after_its_collection_age_and_a_busy_one_is_not()
    {
        var idleKey = ProbeLog.NewKey("idle");
        var busyKey = ProbeLog.NewKey("busy");
        await fixture.Grains.GetGrain<IShortLivedGrain>(idleKey).PingAsync();
        var busy = fixture.Grains.GetGrain<IShortLivedGrain>(busyKey);
        await busy.PingAsync();

        // Keep one grain busy (calls reset its idle clock) while the other sits idle past its 2 s age.
        var collected = await Eventually.TrueAsync(async () =>
        {
            await busy.PingAsync();
            return ProbeLog.Count(idleKey, "deactivated:ActivationIdle") == 1;
        });

        Assert.True(collected);
        Assert.Equal(0, ProbeLog.Count(busyKey, "deactivated:ActivationIdle"));
    }

    [Fact]
    public async Task The_per_type_collection_age_in_options_overrides_the_default()
    {
        await using var cluster = await TestCluster.StartAsync(silo => silo
            .AddGrain<LifecycleGrain>()
            .Configure(o =>
            {
                o.CollectionQuantum = TimeSpan.FromMilliseconds(100);
                o.ClassSpecificCollectionAge["lifecycle"] = TimeSpan.FromMilliseconds(300);
            }));
        var key = ProbeLog.NewKey("options-age");

        await cluster.GrainFactory.GetGrain<ILifecycleGrain>(key).PingAsync();

        Assert.True(await Eventually.TrueAsync(() => ProbeLog.Count(key, "deactivated:ActivationIdle") == 1));
        Assert.Equal(0, cluster.Silo.ActivationCount);
    }

    [Fact]
    public async Task Graceful_shutdown_runs_OnDeactivateAsync_of_every_activation()
    {
        var cluster = await TestCluster.StartAsync(silo => silo.AddGrain<LifecycleGrain>());
        var keys = Enumerable.Range(0, 20).Select(_ => ProbeLog.NewKey("shutdown")).ToArray();
        await Task.WhenAll(keys.Select(k => cluster.GrainFactory.GetGrain<ILifecycleGrain>(k).PingAsync()));

        await cluster.DisposeAsync();

        Assert.All(keys, k => Assert.Equal(1, ProbeLog.Count(k, "deactivated:ShuttingDown")));
    }

    [Fact]
    public async Task Calls_after_shutdown_fail_with_SiloUnavailableException()
    {
        var cluster = await TestCluster.StartAsync(silo => silo.AddGrain<LifecycleGrain>());
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>(ProbeLog.NewKey("after"));
        await cluster.StopAsync();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.PingAsync());
        await cluster.DisposeAsync();
    }
}
