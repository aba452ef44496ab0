namespace Shop.StreamingProbes;

/// <summary>A journaled grain whose entries are events on the stream namespace <see cref="ProbeProducerGrain.Namespace"/>.</summary>
[Alias("probe.producer")]
public interface IProbeProducerGrain : IGrainWithStringKey
{
    /// <summary>Raises <paramref name="count"/> entries and answers once they are committed, with the last version.</summary>
    [Alias("emit")]
    Task<long> EmitAsync(int count, int failTimes, int handlerDelayMs = 0);

    [Alias("version")]
    Task<long> GetVersionAsync();

    /// <summary>Puts the event of <paramref name="version"/> on the stream once more, as a redelivery would.</summary>
    [Alias("republish")]
    Task RepublishAsync(long version);
}
