using Microsoft.Extensions.Logging;
using Shop.Runtime.Storage;

namespace Shop.Runtime.Streams;

internal sealed class DeadLetterAdmin(
    IStreamQueueStorage storage,
    StreamSubscriptions subscriptions,
    StreamDelivery delivery,
    ILogger<DeadLetterAdmin> logger) : IDeadLetterAdmin
{
    public Task<IReadOnlyList<DeadLetter>> ListAsync(int maxCount = 100, CancellationToken cancellationToken = default) =>
        storage.ListDeadLettersAsync(maxCount, cancellationToken);

    public async Task<bool> ReplayAsync(long id, CancellationToken cancellationToken = default)
    {
        if (await storage.GetDeadLetterAsync(id, cancellationToken) is not { } deadLetter)
        {
            return false;
        }

        var subscription = subscriptions.Find(deadLetter.Consumer)
            ?? throw new InvalidOperationException($"Dead letter {id} belongs to consumer '{deadLetter.Consumer}', which this silo does not host.");

        // The event keeps its id, which is what consumers deduplicate on. If it fails again it is parked
        // as a new dead letter before this row goes; a crash in between leaves a duplicate, never a loss.
        var queued = new QueuedStreamEvent(0, deadLetter.Event);
        var handled = await delivery.DeliverAsync(subscription, queued, firstAttempt: deadLetter.Attempts + 1, cancellationToken);
        await storage.DeleteDeadLetterAsync(id, CancellationToken.None);

        StreamLog.Replayed(logger, id, deadLetter.Consumer, handled ? "handled" : "failed again and was dead-lettered anew");
        return true;
    }

    public Task<bool> DiscardAsync(long id, CancellationToken cancellationToken = default) =>
        storage.DeleteDeadLetterAsync(id, cancellationToken);
}
