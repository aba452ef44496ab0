namespace Shop.Runtime.Storage;

/// <summary>
/// Reading side of the durable stream log (events are appended through <see cref="IGrainStorage.CommitAsync"/>),
/// consumer checkpoints and the dead-letter table.
/// </summary>
public interface IStreamQueueStorage
{
    /// <summary>Reads up to <paramref name="maxCount"/> events of a queue with a sequence above <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<QueuedStreamEvent>> ReadQueueAsync(int queue, long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The last sequence a consumer has fully handled in a queue; 0 when it has none.</summary>
    Task<long> ReadCheckpointAsync(string consumer, int queue, CancellationToken cancellationToken = default);

    /// <summary>Durably records that a consumer has handled every event of a queue up to <paramref name="sequence"/>.</summary>
    Task WriteCheckpointAsync(string consumer, int queue, long sequence, CancellationToken cancellationToken = default);

    /// <summary>Stores a dead letter and returns its id (the <see cref="DeadLetter.Id"/> given is ignored).</summary>
    Task<long> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default);

    /// <summary>Dead letters, oldest first.</summary>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken = default);

    Task<DeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Removes a dead letter; false when there was none with that id.</summary>
    Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes events of a queue with a sequence at or below <paramref name="upToSequence"/> created before
    /// <paramref name="createdBefore"/>; returns how many were deleted.
    /// </summary>
    Task<int> TrimQueueAsync(int queue, long upToSequence, DateTimeOffset createdBefore, CancellationToken cancellationToken = default);
}
