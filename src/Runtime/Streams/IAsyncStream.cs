namespace Shop.Runtime.Streams;

/// <summary>A durable stream of events of type <typeparamref name="T"/>.</summary>
public interface IAsyncStream<in T>
{
    StreamId StreamId { get; }

    /// <summary>
    /// Publishes an event. Inside a grain turn it joins the turn's next state write (the outbox): both
    /// commit in one transaction, or the turn's answer waits for the events alone to commit. Outside a
    /// grain it is durable when the task completes.
    /// </summary>
    Task OnNextAsync(T item);

    /// <summary>Publishes several events, in order, with the same guarantees as <see cref="OnNextAsync"/>.</summary>
    Task OnNextBatchAsync(IEnumerable<T> items);
}
