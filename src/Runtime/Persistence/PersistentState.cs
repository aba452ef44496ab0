using Shop.Runtime.Activation;
using Shop.Runtime.Serialization;
using Shop.Runtime.Storage;

namespace Shop.Runtime.Persistence;

/// <summary>
/// The <see cref="IPersistentState{TState}"/> handed to grains. Writes carry the events published in
/// the same turn, so the state and its outbox commit in one transaction.
/// </summary>
internal sealed class PersistentState<TState>(ActivationData activation, string stateName, IGrainStorage storage)
    : IPersistentState<TState>, IPersistentStateLifecycle where TState : new()
{
    private static readonly string StateTypeName = typeof(TState).FullName ?? typeof(TState).Name;

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public Task LoadAsync() => ReadStateAsync();

    public async Task ReadStateAsync()
    {
        var stored = await storage.ReadStateAsync(activation.GrainId, stateName);
        Etag = stored?.ETag;
        RecordExists = stored?.Payload is not null;
        State = stored?.Payload is { } payload ? GrainStateSerializer.Deserialize<TState>(payload) : new TState();
    }

    public Task WriteStateAsync() => CommitAsync(GrainStateSerializer.Serialize(State));

    public async Task ClearStateAsync()
    {
        await CommitAsync(payload: null);
        State = new TState();
    }

    private async Task CommitAsync(byte[]? payload)
    {
        var events = ActivationData.TakeTurnOutbox();
        var change = new StateChange(activation.GrainId, stateName, StateTypeName, Etag, payload);
        CommitResult result;
        try
        {
            result = await activation.Runtime.CommitAsync(storage, new GrainCommit([change], [], events));
        }
        catch (InconsistentStateException exception)
        {
            // The events belonged to a state that will never be saved: they go with it.
            activation.OnInconsistentState(exception);
            throw;
        }
        catch
        {
            ActivationData.ReturnToTurnOutbox(events);
            throw;
        }

        Etag = result.ETags[0];
        RecordExists = payload is not null;
    }
}
