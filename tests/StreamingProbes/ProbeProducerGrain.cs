using Orleans.Concurrency;
using Orleans.Providers;
using Shop.Journaling;
using Shop.Streaming;

namespace Shop.StreamingProbes;

[Reentrant]
[LogConsistencyProvider(ProviderName = JournalNames.LogConsistencyProvider)]
public sealed class ProbeProducerGrain : DurableJournaledGrain<ProbeProducerState, ProbeEntry>, IProbeProducerGrain
{
    public const string Namespace = "probe";

    protected override string? EventStreamNamespace => Namespace;

    public async Task<long> EmitAsync(int count, int failTimes, int handlerDelayMs = 0)
    {
        for (var i = 0; i < count; i++)
        {
            RaiseEvent(new ProbeEntry(TentativeState.Emitted + 1, failTimes, handlerDelayMs));
        }

        await ConfirmAsync();
        return Version;
    }

    public async Task<long> GetVersionAsync()
    {
        await ConfirmAsync();
        return Version;
    }

    public Task RepublishAsync(long version)
    {
        var source = this.GetGrainId().ToString();
        return this.GetStreamProvider(StreamNames.Provider)
            .GetStream<StreamEvent>(StreamId.Create(Namespace, this.GetPrimaryKeyString()))
            .OnNextAsync(new StreamEvent(StreamEvent.IdOf(source, version), source, version, DateTimeOffset.UtcNow, new ProbeEntry(version, 0)));
    }

    protected override void Apply(ProbeProducerState state, ProbeEntry entry)
    {
        if (entry.Sequence != state.Emitted + 1)
        {
            throw new InvalidOperationException($"Probe entry {entry.Sequence} follows {state.Emitted}.");
        }

        state.Emitted = entry.Sequence;
    }
}
