using Orleans.Storage;

namespace Shop.Journaling;

/// <summary>
/// The durable, insert-only journal behind a <see cref="DurableJournaledGrain{TState,TEntry}"/>: one journal
/// per grain, entries numbered 1, 2, 3, … without gaps, and an optional snapshot of the state at some version.
/// Implemented by each storage provider (SQLite, MariaDB); the grains never see SQL.
/// </summary>
/// <remarks>
/// Entries and snapshots are UTF-8 JSON, each entry a single JSON value. A completed append is durable;
/// an append that does not start right after the stored last version fails whole with
/// <see cref="InconsistentStateException"/> and changes nothing, which is how a stale activation is refused.
/// </remarks>
public interface IJournalStorage
{
    /// <summary>Reads the newest snapshot of a grain's journal (null when none was taken) and every entry after it.</summary>
    Task<JournalRead> ReadAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Reads the entries with a version above <paramref name="afterVersion"/>, in version order, ignoring snapshots.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadEntriesAsync(GrainId grainId, long afterVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="entries"/> as versions <paramref name="expectedVersion"/> + 1, + 2, … in one
    /// transaction, together with <paramref name="snapshot"/> when one is given: the state as of a version from 1
    /// up to the last appended one (an <see cref="ArgumentException"/> otherwise), replacing the stored snapshot.
    /// Throws <see cref="InconsistentStateException"/> when the journal does not end at <paramref name="expectedVersion"/>.
    /// </summary>
    Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> entries, JournalSnapshot? snapshot, CancellationToken cancellationToken = default)
        => AppendAsync(grainId, expectedVersion, entries, snapshot, toOutbox: false, cancellationToken);

    /// <summary>
    /// As the other overload; with <paramref name="toOutbox"/> the appended versions are also recorded in the
    /// outbox, in the same transaction, until <see cref="MarkPublishedAsync"/> says they were published: the journal
    /// is the outbox of the grains whose entries are events.
    /// </summary>
    Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> entries, JournalSnapshot? snapshot, bool toOutbox, CancellationToken cancellationToken = default);

    /// <summary>The first version of a grain's journal that is in the outbox (not yet published), or null when none is.</summary>
    Task<long?> ReadFirstUnpublishedVersionAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Takes the versions up to <paramref name="upToVersion"/> out of a grain's outbox: they have been published.</summary>
    Task MarkPublishedAsync(GrainId grainId, long upToVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Grains whose outbox holds versions appended before <paramref name="appendedBefore"/>, oldest first: those whose
    /// activation died (or is failing to publish) before publishing them.
    /// </summary>
    Task<IReadOnlyList<GrainId>> ListUnpublishedAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>Lists the keys of the grains of one type that have a journal (used by reconciliation).</summary>
    Task<IReadOnlyList<string>> ListKeysAsync(GrainType grainType, CancellationToken cancellationToken = default);
}
