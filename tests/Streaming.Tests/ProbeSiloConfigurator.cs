using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using Shop.StreamingProbes;

namespace Shop.Streaming.Tests;

/// <summary>Test silos on the combination named in the cluster's configuration (Orleans creates configurators by type).</summary>
public sealed class ProbeSiloConfigurator : ISiloConfigurator
{
    public const string CombinationKey = "StreamingTests:Combination";
    public const string LocationKey = "StreamingTests:Location";
    public const string KafkaKey = "StreamingTests:Kafka";
    public const string KafkaTopicPrefixKey = "StreamingTests:KafkaTopicPrefix";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        siloBuilder.AddProbeStreaming(
            Enum.Parse<StreamingCombination>(configuration[CombinationKey]!),
            configuration[LocationKey]!,
            configuration[KafkaKey],
            configuration[KafkaTopicPrefixKey]);

        // A killed silo is declared dead within seconds, so its queues move to the survivors quickly.
        siloBuilder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 1;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
        });
    }
}
