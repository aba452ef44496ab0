namespace Shop.Streaming;

/// <summary>
/// The <c>failed_events</c> table: where events go that consumers could not handle, and messages that could
/// not be read. Implemented by the storage providers (SQLite, MariaDB); writes are durable when they complete.
/// </summary>
public interface IDeadLetterStore
{
    /// <summary>Stores a dead letter (its <see cref="DeadLetter.Id"/> and <see cref="DeadLetter.Status"/> are ignored) and returns its id.</summary>
    Task<long> AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default);

    /// <summary>Dead letters with the given status (all when null), oldest first, after <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterStatus? status, long afterId, int limit, CancellationToken cancellationToken = default);

    Task<DeadLetter?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Moves an open dead letter to <paramref name="status"/>; false when it is not open (or does not exist).</summary>
    Task<bool> CloseAsync(long id, DeadLetterStatus status, CancellationToken cancellationToken = default);
}
