using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Streaming;

namespace Shop.StreamingProbes;

/// <summary>
/// Handles each probe event through <see cref="EventHandling"/>: the version is recorded with the handled id in
/// one state write. An entry with <see cref="ProbeEntry.FailTimes"/> makes the handler throw that many times first
/// (counted per event in this activation), which exercises the retries and the dead letters.
/// </summary>
[ImplicitStreamSubscription(ProbeProducerGrain.Namespace)]
public sealed class ProbeConsumerGrain(
    [PersistentState("probe-consumer")] IPersistentState<ProbeConsumerState> state,
    EventHandling handling)
    : Grain, IProbeConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<StreamEvent>
{
    private readonly Dictionary<string, int> _failures = [];
    private int _duplicates;

    public Task<ProbeConsumerView> GetAsync() => Task.FromResult(new ProbeConsumerView([.. state.State.Versions], _duplicates));

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
        => handleFactory.Create<StreamEvent>().ResumeAsync(this);

    public async Task OnNextAsync(StreamEvent item, StreamSequenceToken? token = null)
    {
        var outcome = await handling.HandleAsync(
            item,
            StreamId.Create(ProbeProducerGrain.Namespace, this.GetPrimaryKeyString()),
            this.GetGrainId().ToString(),
            state.State.Handled,
            HandleAsync,
            state.ReadStateAsync);
        if (outcome == HandlingOutcome.Duplicate)
        {
            _duplicates++;
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private async Task HandleAsync(StreamEvent item)
    {
        var entry = (ProbeEntry)item.Payload;
        var failed = _failures.GetValueOrDefault(item.EventId);
        if (failed < entry.FailTimes)
        {
            _failures[item.EventId] = failed + 1;
            throw new InvalidOperationException($"Probe failure {failed + 1} of {entry.FailTimes} on {item.EventId}.");
        }

        if (entry.HandlerDelayMs > 0)
        {
            await Task.Delay(entry.HandlerDelayMs);
        }

        state.State.Versions.Add(item.Version);
        await state.WriteStateAsync();
    }
}
