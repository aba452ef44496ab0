using Shop.StreamingProbes;

namespace Shop.Streaming.Tests;

/// <summary>
/// Two silos share the Kafka partitions; one is killed (stopped abruptly, no shutdown) while events flow. Its
/// partitions must be consumed again by the survivor from their committed offsets: every event handled once, in order.
/// </summary>
public sealed class KafkaSharedPartitionsTests(TwoSiloMySqlKafkaCluster fixture) : IClassFixture<TwoSiloMySqlKafkaCluster>
{
    [Fact]
    public async Task The_partitions_of_a_killed_silo_are_consumed_by_the_survivor_from_their_committed_offsets()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(1, 12).Select(i => $"shared-{run}-{i}").ToList();
        var grains = fixture.Grains;

        await Task.WhenAll(keys.Select(key => grains.GetGrain<IProbeProducerGrain>(key).EmitAsync(5, 0)));
        foreach (var key in keys)
        {
            await Eventually.HoldsAsync(
                async () => (await grains.GetGrain<IProbeConsumerGrain>(key).GetAsync()).Versions.Count >= 5,
                () => Task.FromResult($"{key} to handle its first 5 events"));
        }

        var victim = fixture.Cluster.SecondarySilos.Single();
        var management = grains.GetGrain<IManagementGrain>(0);
        var onVictim = (await management.GetDetailedGrainStatistics(hostsIds: [victim.SiloAddress]))
            .Count(s => s.GrainId.Type.ToString() is "probeconsumer" or "probeproducer");
        Assert.True(onVictim > 0, "the silo to be killed hosts some of the producers and consumers");
        await fixture.Cluster.KillSiloAsync(victim);

        // Producers and consumers that lived on the dead silo come back on the survivor.
        foreach (var key in keys)
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    try
                    {
                        await grains.GetGrain<IProbeProducerGrain>(key).EmitAsync(5, 0);
                        return true;
                    }
                    catch (Exception)
                    {
                        return false;
                    }
                },
                () => Task.FromResult($"{key} to take events again"));
        }

        foreach (var key in keys)
        {
            var version = await grains.GetGrain<IProbeProducerGrain>(key).GetVersionAsync();
            await Eventually.HoldsAsync(
                async () => (await grains.GetGrain<IProbeConsumerGrain>(key).GetAsync()).Versions.Count >= version,
                async () => $"{key} handled [{string.Join(",", (await grains.GetGrain<IProbeConsumerGrain>(key).GetAsync()).Versions)}] of {version}");
            Assert.Equal(Enumerable.Range(1, (int)version).Select(v => (long)v), (await grains.GetGrain<IProbeConsumerGrain>(key).GetAsync()).Versions);
        }
    }
}
