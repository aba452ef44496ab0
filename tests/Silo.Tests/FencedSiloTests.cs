using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;
using Shop.Journaling;
using Shop.TestKit;
using Xunit.Abstractions;

namespace Shop.Silo.Tests;

/// <summary>
/// A silo cut off from the cluster (frozen with SIGSTOP) is declared dead by the others, which take over its grains;
/// when it comes back it still holds the old activations in memory and a client still connected to it. Whatever those
/// activations try to commit, the storage refuses: grain state by its ETag, an SKU's ledger by its journal version. (A
/// request it forwards to the new owners instead, once it has learned of them, is served once, by them.)
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class FencedSiloTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // The cut-off silo's own membership timers are slowed down, so that once resumed it goes on for a while before it
    // reads that it was declared dead and stops itself: the window in which a cut-off silo could still write.
    private static readonly Dictionary<string, string> SlowToNoticeItsDeath = new()
    {
        ["Shop__Cluster__ProbeTimeout"] = "00:01:00",
        ["Shop__Cluster__TableRefreshTimeout"] = "00:10:00",
        ["Shop__Cluster__IAmAliveTablePublishTimeout"] = "00:10:00",
    };

    [Fact]
    public async Task A_silo_declared_dead_while_frozen_cannot_commit_state_it_no_longer_owns()
    {
        await using var cluster = await LocalCluster.StartAsync(ClusterStreams.Database, silos: 3, gateways: 0, siloSettings: i => i == 1 ? SlowToNoticeItsDeath : null);
        try
        {
            var cutOff = cluster.Silos[1];
            var cutOffAddress = await cluster.AddressOfAsync(cutOff);
            using var clientOfTheCutOff = await cluster.ClientThroughAsync(cutOff);
            var stale = clientOfTheCutOff.Services.GetRequiredService<IClusterClient>();

            // A sequence (grain state with an ETag) and an SKU (a journal) whose activations live on the silo to be cut off.
            string? sequenceKey = null;
            string? sku = null;
            for (var batch = 0; sequenceKey is null || sku is null; batch++)
            {
                Assert.True(batch < 20, "No sequence and SKU activation landed on the silo to be cut off.");
                var keys = Enumerable.Range(batch * 20, 20).Select(i => $"FENCE-{i:D4}").ToList();
                await Task.WhenAll(keys.Select(async key =>
                {
                    Assert.Equal(1, await stale.GetGrain<IIdSequenceGrain>(key).NextAsync());
                    await stale.GetGrain<ISkuGrain>(key).ClaimAsync(1, new Money(1000m, "KRW"), 10, null);
                    Assert.True((await stale.GetGrain<ISkuGrain>(key).ReserveAsync($"before-{key}", "buyer-1", 1)).Succeeded);
                }));
                var sequences = await cluster.PlacementAsync("idsequence");
                var skus = await cluster.PlacementAsync("sku");
                sequenceKey ??= keys.FirstOrDefault(k => sequences.GetValueOrDefault(k)?.Equals(cutOffAddress) == true);
                sku ??= keys.FirstOrDefault(k => skus.GetValueOrDefault(k)?.Equals(cutOffAddress) == true);
            }

            output.WriteLine($"Sequence {sequenceKey} and SKU {sku} are active on {cutOff.Name} ({cutOffAddress}).");

            cutOff.Pause();
            var declared = await Eventually.HoldsAsync($"{cutOff.Name} is declared dead", Deadline, async () =>
                !(await cluster.Management.GetHosts(onlyActive: true)).ContainsKey(cutOffAddress), cluster.Diagnostics);
            output.WriteLine($"{cutOff.Name} frozen and declared dead after {declared.TotalSeconds:F1} s.");

            // The survivors take over: new activations read what was committed and go on from there. (A client that joins
            // now reads the gateways of the live silos only; the cluster's own client may still hold the frozen silo's.)
            using var clientOfTheOwners = await cluster.ClientOfTheLiveSilosAsync();
            var live = clientOfTheOwners.Services.GetRequiredService<IClusterClient>();
            // Right after the declaration a call may still find the cluster rearranging itself and time out; it is asked
            // again. A call that timed out may yet hand out its id, so ids are checked by order, not by number: each one
            // handed out after another is larger, never a repeat.
            var takenOver = await UntilTheOwnersAnswerAsync(() => live.GetGrain<IIdSequenceGrain>(sequenceKey).NextAsync());
            Assert.True(takenOver >= 2, $"the owners handed out {takenOver}, which the cut-off silo had handed out before");
            Assert.True((await UntilTheOwnersAnswerAsync(() => live.GetGrain<ISkuGrain>(sku).ReserveAsync("after-the-takeover", "buyer-2", 1))).Succeeded);
            Assert.NotEqual(cutOffAddress, (await cluster.PlacementAsync("sku"))[sku]);

            // While it is still frozen, its old activations are asked to change what they no longer own; the requests wait
            // in its sockets until it comes back. Then it either runs them on those activations, whose writes are refused
            // (the ETag, the journal version), or, when it has already learned who owns the grains now, sends them on to
            // the owners. Either way nothing is handed out twice: what counts is what the owners committed.
            var staleSequenceWrite = stale.GetGrain<IIdSequenceGrain>(sequenceKey).NextAsync();
            var staleReservation = stale.GetGrain<ISkuGrain>(sku).ReserveAsync("from-the-cut-off-silo", "buyer-3", 1);
            cutOff.Resume();
            var sequenceAnswer = await AnswerOf(staleSequenceWrite);
            var reservationAnswer = await AnswerOf(staleReservation);
            output.WriteLine($"{cutOff.Name} resumed: its sequence write {Described(sequenceAnswer)}, its reservation {Described(reservationAnswer)}.");
            if (sequenceAnswer.Refusal is { } sequenceRefusal)
            {
                Assert.IsType<InconsistentStateException>(sequenceRefusal);
            }
            else
            {
                Assert.True(sequenceAnswer.Value > takenOver, $"the cut-off silo's request handed out {sequenceAnswer.Value} after the owners' {takenOver}");
            }

            if (reservationAnswer.Refusal is { } reservationRefusal)
            {
                Assert.IsType<JournalFencedException>(reservationRefusal);
            }
            else
            {
                Assert.True(reservationAnswer.Value!.Succeeded);
            }

            // What is durable is what the owners committed: each id was handed out once, and the SKU holds the
            // reservations its owner took.
            var next = await live.GetGrain<IIdSequenceGrain>(sequenceKey).NextAsync();
            Assert.True(next > Math.Max(takenOver, sequenceAnswer.Value), $"the owners handed out {next} after {takenOver} and {sequenceAnswer.Value}");
            var owner = live.GetGrain<ISkuGrain>(sku);
            Assert.Equal(reservationAnswer.Refusal is null ? SkuOrderStatus.Reserved : null, await owner.GetOrderStatusAsync("from-the-cut-off-silo"));
            Assert.Equal(SkuOrderStatus.Reserved, await owner.GetOrderStatusAsync($"before-{sku}"));
            Assert.Equal(SkuOrderStatus.Reserved, await owner.GetOrderStatusAsync("after-the-takeover"));
            var view = await owner.GetViewAsync();
            Assert.Equal((10, reservationAnswer.Refusal is null ? 3 : 2), (view.Stock, view.Reserved));
            Assert.True((await owner.ReconcileAsync()).InSync);
        }
        catch (Exception)
        {
            output.WriteLine(cluster.Diagnostics());
            throw;
        }
    }

    private static async Task<T> UntilTheOwnersAnswerAsync<T>(Func<Task<T>> call)
    {
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (TimeoutException) when (waiting.Elapsed < Deadline)
            {
            }
        }
    }

    private static async Task<(T? Value, Exception? Refusal)> AnswerOf<T>(Task<T> call)
    {
        try
        {
            return (await call, null);
        }
        catch (Exception e)
        {
            return (default, e);
        }
    }

    private static string Described<T>((T? Value, Exception? Refusal) answer) =>
        answer.Refusal is { } refusal ? $"was refused ({refusal.GetType().Name})" : $"was served by the owner ({answer.Value})";
}
