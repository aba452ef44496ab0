namespace Shop.StreamingProbes;

/// <summary>Consumes the probe stream of the same key, recording each event once, in the order handled.</summary>
[Alias("probe.consumer")]
public interface IProbeConsumerGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<ProbeConsumerView> GetAsync();
}

/// <summary>What a consumer handled (versions, in order, from its stored state) and the duplicates it skipped in this activation.</summary>
[GenerateSerializer, Immutable, Alias("probe.consumer-view")]
public sealed record ProbeConsumerView([property: Id(0)] IReadOnlyList<long> Versions, [property: Id(1)] int DuplicatesSkipped);
