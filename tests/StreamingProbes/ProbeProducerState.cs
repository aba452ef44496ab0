namespace Shop.StreamingProbes;

[GenerateSerializer]
public sealed class ProbeProducerState
{
    [Id(0)]
    public long Emitted { get; set; }
}
