namespace Shop.Streaming;

/// <summary>
/// The ids of the events a consumer handled last, kept in its state and written with the state its handler
/// changes, so that a redelivered event (streams deliver at least once) is recognized and skipped. Bounded: the
/// oldest ids leave once <see cref="Capacity"/> is reached, so duplicates are caught within that window.
/// </summary>
/// <remarks>Public properties, so that both Orleans' serializer and the JSON grain storage keep it.</remarks>
[GenerateSerializer]
public sealed class HandledEvents
{
    /// <summary>The default window: far more than a stream redelivers after a crash (a few queue batches).</summary>
    public const int DefaultCapacity = 1_000;

    [NonSerialized]
    private HashSet<string>? _index;

    /// <summary>Most ids kept.</summary>
    [Id(0)]
    public int Capacity { get; set; } = DefaultCapacity;

    /// <summary>The ids, oldest first.</summary>
    [Id(1)]
    public List<string> Ids { get; set; } = [];

    private HashSet<string> Index => _index ??= new HashSet<string>(Ids, StringComparer.Ordinal);

    public bool Contains(string eventId) => Index.Contains(eventId);

    /// <summary>Records an event as handled; false when it already was.</summary>
    public bool Add(string eventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        if (!Index.Add(eventId))
        {
            return false;
        }

        Ids.Add(eventId);
        var excess = Ids.Count - Math.Max(1, Capacity);
        if (excess > 0)
        {
            foreach (var old in Ids.Take(excess))
            {
                Index.Remove(old);
            }

            Ids.RemoveRange(0, excess);
        }

        return true;
    }

    /// <summary>Forgets an event again (its handling failed before the state was written).</summary>
    public void Remove(string eventId)
    {
        if (Index.Remove(eventId))
        {
            Ids.Remove(eventId);
        }
    }
}
