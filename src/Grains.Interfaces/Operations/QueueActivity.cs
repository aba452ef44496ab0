namespace Shop.Grains.Interfaces.Operations;

/// <summary>What stream consumers handled from one queue of the stream provider: on one silo, or summed over the cluster.</summary>
/// <param name="Queue">The Orleans queue id as text.</param>
/// <param name="Handled">Events handled since the silo (or silos) started.</param>
/// <param name="EventsPerSecond">Events handled per second over the last reporting interval.</param>
/// <param name="Lag">Of the last event handled: when it was handled − when its producer committed it.</param>
/// <param name="LastHandledAt">When the last event was handled.</param>
[GenerateSerializer, Immutable, Alias("shop.QueueActivity")]
public sealed record QueueActivity(
    [property: Id(0)] string Queue,
    [property: Id(1)] long Handled,
    [property: Id(2)] double EventsPerSecond,
    [property: Id(3)] TimeSpan Lag,
    [property: Id(4)] DateTimeOffset LastHandledAt);
