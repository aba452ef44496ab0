using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Shop.StreamingProbes;

namespace Shop.Streaming.Tests;

/// <summary>Test silos on the combination named in the cluster's configuration (Orleans creates configurators by type).</summary>
public sealed class ProbeSiloConfigurator : ISiloConfigurator
{
    public const string CombinationKey = "StreamingTests:Combination";
    public const string LocationKey = "StreamingTests:Location";
    public const string KafkaKey = "StreamingTests:Kafka";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        siloBuilder.AddProbeStreaming(
            Enum.Parse<StreamingCombination>(configuration[CombinationKey]!),
            configuration[LocationKey]!,
            configuration[KafkaKey]);
    }
}
