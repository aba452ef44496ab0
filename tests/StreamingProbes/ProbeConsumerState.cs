using Shop.Streaming;

namespace Shop.StreamingProbes;

[GenerateSerializer]
public sealed class ProbeConsumerState
{
    [Id(0)]
    public HandledEvents Handled { get; set; } = new();

    [Id(1)]
    public List<long> Versions { get; set; } = [];
}
