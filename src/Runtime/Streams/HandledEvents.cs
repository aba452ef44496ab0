namespace Shop.Runtime.Streams;

/// <summary>
/// Remembers the ids of the last events a grain handled, kept in the grain's own state so that a
/// redelivered event is recognised and skipped. Mark an event in the same turn that writes its effects:
/// <code>
/// if (!state.State.Handled.TryMarkHandled(context.EventId)) return;   // a duplicate
/// … change state …
/// await state.WriteStateAsync();                                      // effects and mark commit together
/// </code>
/// </summary>
public sealed class HandledEvents
{
    /// <summary>How many ids are remembered. Redelivery only happens for recent events, so a window suffices.</summary>
    public const int DefaultCapacity = 1024;

    /// <summary>The remembered ids, oldest first. Public for serialization.</summary>
    public List<Guid> Recent { get; set; } = [];

    public int Capacity { get; set; } = DefaultCapacity;

    public bool Contains(Guid eventId) => Recent.Contains(eventId);

    /// <summary>Records an event as handled; false when it already was (the delivery is a duplicate).</summary>
    public bool TryMarkHandled(Guid eventId)
    {
        if (Recent.Contains(eventId))
        {
            return false;
        }

        Recent.Add(eventId);
        if (Recent.Count > Capacity)
        {
            Recent.RemoveRange(0, Recent.Count - Capacity);
        }

        return true;
    }
}
