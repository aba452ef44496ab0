using Shop.Runtime.Tests.TestGrains;

namespace Shop.Runtime.Tests;

[Collection(RuntimeCluster.Name)]
public sealed class TurnBasedExecutionTests(RuntimeClusterFixture fixture)
{
    private const int Requests = 200;
    private const int NonReentrantRequests = 40;
    private const int Steps = 10;

    [Fact]
    public async Task A_non_reentrant_grain_runs_one_request_at_a_time_across_awaits()
    {
        var grain = fixture.Grains.GetGrain<INonReentrantTurnProbeGrain>(ProbeLog.NewKey("turns"));

        // Fewer requests than the reentrant case: they run one after another, within the response timeout.
        var results = await Task.WhenAll(Enumerable.Range(0, NonReentrantRequests).Select(_ => Task.Run(() => grain.IncrementSlowlyAsync(Steps))));

        // Each request saw its own steps complete without another request's steps in between.
        Assert.All(results, r => Assert.Equal(0, r % Steps));
        Assert.Equal(NonReentrantRequests * Steps, await grain.GetCountAsync());
        Assert.Equal(0, await grain.GetOverlapsAsync());
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_requests_but_never_runs_two_pieces_of_its_code_at_once()
    {
        var grain = fixture.Grains.GetGrain<IReentrantTurnProbeGrain>(ProbeLog.NewKey("reentrant"));

        var results = await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => Task.Run(() => grain.IncrementSlowlyAsync(Steps))));

        Assert.Equal(Requests * Steps, await grain.GetCountAsync());
        Assert.Equal(0, await grain.GetOverlapsAsync());
        // Interleaving really happened: some request finished with a count that is not a multiple of its steps.
        Assert.Contains(results, r => r % Steps != 0);
    }

    [Fact]
    public async Task A_reentrant_grain_serves_a_second_request_while_the_first_awaits()
    {
        var grain = fixture.Grains.GetGrain<IReentrantGateGrain>(ProbeLog.NewKey("gate"));
        var waiter = grain.WaitForOpenAsync();

        await grain.OpenAsync();

        Assert.Equal(1, await waiter);
    }

    [Fact]
    public async Task A_non_reentrant_grain_queues_a_second_request_until_the_first_completes()
    {
        var grain = fixture.Grains.GetGrain<INonReentrantGateGrain>(ProbeLog.NewKey("gate"));
        var waiter = grain.WaitForOpenAsync();

        // The opener waits behind the waiter, which waits for the opener: the runtime breaks it with a timeout.
        await Assert.ThrowsAsync<TimeoutException>(() => grain.OpenAsync());
        await Assert.ThrowsAsync<TimeoutException>(() => waiter);

        // The waiter still holds the turn; release it so the activation can serve again.
        await grain.OpenInterleavedAsync();
        await grain.OpenAsync();
    }

    [Fact]
    public async Task An_AlwaysInterleave_method_runs_while_a_non_reentrant_grain_awaits()
    {
        var grain = fixture.Grains.GetGrain<INonReentrantGateGrain>(ProbeLog.NewKey("gate"));
        var waiter = grain.WaitForOpenAsync();

        await grain.OpenInterleavedAsync();

        Assert.Equal(1, await waiter);
    }

    [Fact]
    public async Task A_call_cycle_between_non_reentrant_grains_ends_in_a_timeout_not_a_hang()
    {
        var a = fixture.Grains.GetGrain<ICycleGrain>(ProbeLog.NewKey("cycle-a"));
        var b = fixture.Grains.GetGrain<ICycleGrain>(ProbeLog.NewKey("cycle-b"));

        var exception = await Assert.ThrowsAsync<TimeoutException>(() => a.CallAsync(b, a));

        Assert.True(exception.Message.Contains("did not answer within"), exception.Message);
        // Once the cycle has unwound, both grains serve again.
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            try
            {
                return await a.EchoAsync() != null && await b.EchoAsync() != null;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }));
    }
}
