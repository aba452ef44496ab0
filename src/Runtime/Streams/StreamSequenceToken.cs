namespace Shop.Runtime.Streams;

/// <summary>Where an event sits in the log: its queue and its sequence number there (increasing per queue).</summary>
public readonly record struct StreamSequenceToken(int Queue, long Sequence) : IComparable<StreamSequenceToken>
{
    public int CompareTo(StreamSequenceToken other) =>
        Queue != other.Queue ? Queue.CompareTo(other.Queue) : Sequence.CompareTo(other.Sequence);
}
