using Shop.Runtime.Storage;

namespace Shop.Runtime.Streams;

/// <summary>Operators' handle on events that kept failing: list them, replay them (same event id) or discard them.</summary>
public interface IDeadLetterAdmin
{
    Task<IReadOnlyList<DeadLetter>> ListAsync(int maxCount = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers a dead letter again to the consumer it failed in, with its original event id and the
    /// usual retries. Removed from the table when handled; kept when it fails again. False when there is no such id.
    /// </summary>
    Task<bool> ReplayAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Removes a dead letter without delivering it; false when there was none.</summary>
    Task<bool> DiscardAsync(long id, CancellationToken cancellationToken = default);
}
