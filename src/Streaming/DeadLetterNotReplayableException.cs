namespace Shop.Streaming;

/// <summary>A dead letter that cannot be replayed: unknown, no longer open, or without a readable event.</summary>
[GenerateSerializer, Alias("shop.dead-letter-not-replayable")]
public sealed class DeadLetterNotReplayableException : Exception
{
    public DeadLetterNotReplayableException(long id, string reason)
        : base($"Dead letter {id} cannot be replayed: {reason}")
    {
        Id = id;
    }

    [Id(0)]
    public long Id { get; }
}
