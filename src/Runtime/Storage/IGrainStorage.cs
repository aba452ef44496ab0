namespace Shop.Runtime.Storage;

/// <summary>
/// The storage provider contract for grain state, grain journals and the stream outbox.
/// </summary>
/// <remarks>
/// ETags are opaque strings to the runtime; both built-in providers use the row version in decimal.
/// A commit is atomic and durable when the returned task completes: the runtime acknowledges a
/// caller only after that. Any ETag mismatch (a stale <see cref="StateChange.ExpectedETag"/>, a row
/// that exists when none was expected, or an existing journal version) fails the whole commit with
/// <see cref="InconsistentStateException"/> and leaves the database unchanged.
/// Events are appended to their queue in commit order: once a reader has seen sequence S in a queue,
/// no event with a sequence below S can appear in that queue later.
/// </remarks>
public interface IGrainStorage
{
    /// <summary>Reads a state row, or null when none was ever written.</summary>
    Task<StoredState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken = default);

    /// <summary>Reads the journal rows of a grain with a version above <paramref name="afterVersion"/>, in version order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(GrainId grainId, long afterVersion, CancellationToken cancellationToken = default);

    /// <summary>Lists the keys of the grains of a type that have journal rows (used by reconciliation).</summary>
    Task<IReadOnlyList<string>> ListJournaledKeysAsync(string grainType, CancellationToken cancellationToken = default);

    /// <summary>Commits state changes, journal rows and events in one transaction.</summary>
    Task<CommitResult> CommitAsync(GrainCommit commit, CancellationToken cancellationToken = default);
}
