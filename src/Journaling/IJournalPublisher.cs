namespace Shop.Journaling;

/// <summary>
/// Implemented by every <see cref="DurableJournaledGrain{TState,TEntry}"/>: lets the outbox sweeper wake a grain
/// whose committed events were not published (its previous activation died first).
/// </summary>
[Alias("shop.journal-publisher")]
public interface IJournalPublisher : IGrain
{
    /// <summary>Publishes what the grain's outbox holds; completes once it is all on the stream.</summary>
    [Alias("publish-pending")]
    Task PublishPendingAsync();
}
