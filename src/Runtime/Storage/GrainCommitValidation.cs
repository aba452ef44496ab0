namespace Shop.Runtime.Storage;

/// <summary>
/// The shape every provider requires of what it is asked to store, checked before anything is queued,
/// so that a group commit only ever fails a commit for a conflict or a database error, never for
/// another caller's malformed input. Providers add their own limits (column sizes) on top.
/// </summary>
public static class GrainCommitValidation
{
    /// <exception cref="ArgumentException">The commit holds a null or malformed part.</exception>
    public static void Validate(GrainCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(commit.States, nameof(commit));
        ArgumentNullException.ThrowIfNull(commit.Journal, nameof(commit));
        ArgumentNullException.ThrowIfNull(commit.Events, nameof(commit));

        foreach (var state in commit.States)
        {
            if (state is null)
            {
                throw new ArgumentException("A commit holds a null state change.", nameof(commit));
            }

            ValidateGrainId(state.GrainId, nameof(commit));
            if (state.StateName is null || state.StateType is null)
            {
                throw new ArgumentException($"A state change of grain {state.GrainId} has no state name or state type.", nameof(commit));
            }
        }

        foreach (var append in commit.Journal)
        {
            if (append is null)
            {
                throw new ArgumentException("A commit holds a null journal append.", nameof(commit));
            }

            ValidateGrainId(append.GrainId, nameof(commit));
            if (append.FirstVersion < 1)
            {
                throw new ArgumentException($"Journal versions start at 1; grain {append.GrainId} appends from {append.FirstVersion}.", nameof(commit));
            }

            if (append.Entries is null || append.Entries.Any(entry => entry is null))
            {
                throw new ArgumentException($"A journal append of grain {append.GrainId} holds a null entry.", nameof(commit));
            }

            foreach (var entry in append.Entries)
            {
                JournalSegment.Validate(entry, append.GrainId, nameof(commit));
            }
        }

        foreach (var streamEvent in commit.Events)
        {
            ValidateEvent(streamEvent, nameof(commit));
        }
    }

    /// <exception cref="ArgumentException">The grain id lacks its type or key.</exception>
    public static void ValidateGrainId(GrainId grainId, string parameterName)
    {
        if (grainId.Type is null || grainId.Key is null)
        {
            throw new ArgumentException("A grain id needs both a type and a key.", parameterName);
        }
    }

    /// <exception cref="ArgumentException">The event is null or lacks its namespace, key, type or payload.</exception>
    public static void ValidateEvent(StreamEvent? streamEvent, string parameterName)
    {
        if (streamEvent is null
            || streamEvent.StreamNamespace is null
            || streamEvent.StreamKey is null
            || streamEvent.EventType is null
            || streamEvent.Payload is null)
        {
            throw new ArgumentException("A stream event is null or lacks its namespace, key, type or payload.", parameterName);
        }
    }
}
