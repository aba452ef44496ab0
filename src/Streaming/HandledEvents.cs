namespace Shop.Streaming;

/// <summary>
/// Which events a consumer has handled, kept in its state and written with the state its handler changes, so that
/// a redelivered event (streams deliver at least once) is recognized and skipped. Events carry their producer's
/// version, and each producer's events come in version order, so what is remembered per producer is small: the
/// version up to which everything was handled, and the few handled beyond a gap (an event that was dead-lettered,
/// or is still being redelivered).
/// </summary>
/// <remarks>Public properties, so that both Orleans' serializer and the JSON grain storage keep it.</remarks>
[GenerateSerializer]
public sealed class HandledEvents
{
    /// <summary>Default of <see cref="MaxBeyondGap"/>.</summary>
    public const int DefaultMaxBeyondGap = 10_000;

    /// <summary>Progress per producer (<see cref="StreamEvent.Source"/>).</summary>
    [Id(0)]
    public Dictionary<string, SourceProgress> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Most versions of one producer kept beyond a gap. Past it the gap is given up: an event from it replayed later
    /// counts as handled. Default 10,000.
    /// </summary>
    [Id(1)]
    public int MaxBeyondGap { get; set; } = DefaultMaxBeyondGap;

    public bool Contains(StreamEvent streamEvent) => Contains(streamEvent.Source, streamEvent.Version);

    /// <summary>Whether version <paramref name="version"/> of <paramref name="source"/> was handled.</summary>
    public bool Contains(string source, long version) => Sources.TryGetValue(source, out var progress) && progress.Contains(version);

    /// <summary>Records an event as handled; false when it already was.</summary>
    public bool Add(StreamEvent streamEvent) => Add(streamEvent.Source, streamEvent.Version);

    /// <summary>Records version <paramref name="version"/> of <paramref name="source"/> as handled; false when it already was.</summary>
    public bool Add(string source, long version)
    {
        if (!Sources.TryGetValue(source, out var progress))
        {
            Sources[source] = progress = new SourceProgress();
        }

        return progress.Add(version, MaxBeyondGap);
    }

    /// <summary>Forgets an event again: its handling failed before the state was written.</summary>
    public void Remove(StreamEvent streamEvent)
    {
        if (Sources.TryGetValue(streamEvent.Source, out var progress))
        {
            progress.Remove(streamEvent.Version);
        }
    }
}

/// <summary>The events of one producer a consumer has handled: all up to <see cref="Through"/>, and <see cref="Beyond"/>.</summary>
[GenerateSerializer]
public sealed class SourceProgress
{
    /// <summary>Every version up to this one is handled (0: none).</summary>
    [Id(0)]
    public long Through { get; set; }

    /// <summary>Handled versions above <see cref="Through"/> + 1, ascending: a gap lies below them.</summary>
    [Id(1)]
    public List<long> Beyond { get; set; } = [];

    public bool Contains(long version) => version <= Through || Beyond.BinarySearch(version) >= 0;

    public bool Add(long version, int maxBeyondGap)
    {
        if (Contains(version))
        {
            return false;
        }

        if (version == Through + 1)
        {
            Through = version;
        }
        else
        {
            Beyond.Insert(~Beyond.BinarySearch(version), version);
            if (Beyond.Count > maxBeyondGap)
            {
                // Too long a gap: give it up, and go on from the first version beyond it.
                Through = Beyond[0];
                Beyond.RemoveAt(0);
            }
        }

        var merged = 0;
        while (merged < Beyond.Count && Beyond[merged] == Through + 1)
        {
            Through = Beyond[merged++];
        }

        Beyond.RemoveRange(0, merged);
        return true;
    }

    public void Remove(long version)
    {
        var index = Beyond.BinarySearch(version);
        if (index >= 0)
        {
            Beyond.RemoveAt(index);
        }
        else if (version <= Through && version > 0)
        {
            // The versions after it stay handled, beyond the gap it leaves again.
            Beyond.InsertRange(0, Enumerable.Range(0, (int)(Through - version)).Select(i => version + 1 + i));
            Through = version - 1;
        }
    }
}
