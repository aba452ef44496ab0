namespace Shop.Streaming;

/// <summary>The operators' handle on dead letters (one grain, key 0): list, replay, discard.</summary>
[Alias("shop.dead-letters")]
public interface IDeadLetterGrain : IGrainWithIntegerKey
{
    /// <summary>Dead letters with the given status (all when null), oldest first, after <paramref name="afterId"/>.</summary>
    [Alias("list")]
    Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterStatus? status, long afterId, int limit);

    /// <summary>
    /// How many dead letters are open, and the newest <paramref name="latest"/> of them (at most 1,000), newest first: the
    /// operations page. Counts up to <see cref="OpenDeadLetters.MaxCounted"/>.
    /// </summary>
    [Alias("open")]
    Task<OpenDeadLetters> OpenAsync(int latest);

    /// <summary>One dead letter, or null when there is none with that id.</summary>
    [Alias("get")]
    Task<DeadLetter?> GetAsync(long id);

    /// <summary>
    /// Puts an open dead letter's event back on its stream with its original event id (consumers that handled it
    /// meanwhile still skip it) and marks it replayed. Throws <see cref="DeadLetterNotReplayableException"/> for a
    /// letter that is not open or holds no readable event.
    /// </summary>
    [Alias("replay")]
    Task ReplayAsync(long id);

    /// <summary>Marks an open dead letter discarded; false when it is not open.</summary>
    [Alias("discard")]
    Task<bool> DiscardAsync(long id);
}
