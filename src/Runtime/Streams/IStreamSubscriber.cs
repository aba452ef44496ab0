namespace Shop.Runtime.Streams;

/// <summary>
/// Implemented by grains with <see cref="ImplicitStreamSubscriptionAttribute"/>: the grain whose key is
/// the stream key receives every event of the stream, in order, at least once.
/// </summary>
public interface IStreamSubscriber<in T>
{
    /// <summary>Handles one event. Throwing makes the runtime retry it with backoff, then dead-letter it.</summary>
    Task OnNextAsync(T item, StreamEventContext context);
}
