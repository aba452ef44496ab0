using System.Collections.Concurrent;
using System.Diagnostics;
using Shop.Runtime.Messaging;

namespace Shop.Runtime.Activation;

/// <summary>
/// The directory of this silo's activations: at most one per grain id, created on the first request
/// and removed when it deactivates.
/// </summary>
internal sealed class Catalog(GrainRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private volatile bool _shuttingDown;

    public int Count => _activations.Count;

    public IReadOnlyCollection<ActivationData> Activations => [.. _activations.Values];

    /// <summary>Hands a request to the grain's activation, creating the activation if there is none.</summary>
    public void Dispatch(GrainId grainId, GrainRequest request)
    {
        while (true)
        {
            if (_shuttingDown)
            {
                request.Fail(new SiloUnavailableException($"The silo is shutting down; {request.Name} on {grainId} was not delivered."));
                return;
            }

            // GetOrAdd may build a spare ActivationData under a race, but only the stored one is ever started.
            var activation = _activations.GetOrAdd(grainId, static (id, r) => new ActivationData(id, r.Manifest.GetClass(id.Type), r), runtime);
            if (activation.TryAccept(request))
            {
                return;
            }

            _activations.TryRemove(KeyValuePair.Create(grainId, activation));
        }
    }

    public ActivationData? Find(GrainId grainId) => _activations.GetValueOrDefault(grainId);

    public void OnDeactivated(ActivationData activation) =>
        _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));

    /// <summary>Deactivates every activation that has been idle for longer than its collection age.</summary>
    public int CollectIdle()
    {
        var now = Stopwatch.GetTimestamp();
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.TryCollect(now, runtime.CollectionAgeOf(activation.GrainClass)))
            {
                collected++;
            }
        }

        return collected;
    }

    /// <summary>Stops accepting requests and deactivates every activation, running their OnDeactivateAsync.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _shuttingDown = true;
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
        var pending = new List<Task>();
        foreach (var activation in _activations.Values)
        {
            activation.RequestDeactivation(reason);
            pending.Add(activation.Deactivated);
        }

        await Task.WhenAll(pending).WaitAsync(cancellationToken);
    }
}
