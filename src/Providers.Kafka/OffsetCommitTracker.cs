namespace Shop.Providers.Kafka;

/// <summary>
/// Which offset of one partition may be committed: the one after the highest message such that it and every
/// message read before it is finished (delivered by Orleans, or dead-lettered). Kafka's committed offset is a
/// single position, so a message that is still in flight holds back the commit of everything after it; after a
/// crash those are read again (at-least-once).
/// </summary>
internal sealed class OffsetCommitTracker
{
    // Offsets read and not yet committable, in read (= offset) order: whether each went to Orleans (rather than
    // being kept back by the receiver, e.g. a poison message), and whether it is finished.
    private readonly LinkedList<(long Offset, bool ToOrleans, bool Finished)> _pending = new();
    private long? _committable;
    private long? _committed;

    /// <summary>
    /// A message was read from the partition; <paramref name="toOrleans"/> when it is handed to Orleans' cache.
    /// Offsets must be increasing.
    /// </summary>
    public void Read(long offset, bool toOrleans)
    {
        if (_pending.Last is { } last && last.Value.Offset >= offset)
        {
            throw new InvalidOperationException($"Offset {offset} read after {last.Value.Offset}.");
        }

        _pending.AddLast((offset, toOrleans, false));
    }

    /// <summary>
    /// Messages handed to Orleans, up to and including <paramref name="offset"/>, are finished. Orleans' cache releases messages
    /// oldest first, so a message older than a released one that is not itself released was given up on by
    /// Orleans as a delivery failure (already reported to the stream failure handler); waiting for it would
    /// stall the partition's commits for good.
    /// </summary>
    public void FinishedThrough(long offset)
    {
        for (var node = _pending.First; node is not null && node.Value.Offset <= offset; node = node.Next)
        {
            if (node.Value.ToOrleans)
            {
                node.Value = node.Value with { Finished = true };
            }
        }

        Advance();
    }

    /// <summary>One message is finished (a dead-lettered one), whatever came before it.</summary>
    public void Finished(long offset)
    {
        for (var node = _pending.First; node is not null && node.Value.Offset <= offset; node = node.Next)
        {
            if (node.Value.Offset == offset)
            {
                node.Value = node.Value with { Finished = true };
                break;
            }
        }

        Advance();
    }

    /// <summary>The offset to commit now (next to read), or null when nothing new became committable.</summary>
    public long? TakeCommit()
    {
        if (_committable is { } next && next != _committed)
        {
            return next;
        }

        return null;
    }

    /// <summary>The offset returned by <see cref="TakeCommit"/> has been written to Kafka.</summary>
    public void Committed(long offset) => _committed = offset;

    /// <summary>Messages read and not yet committable.</summary>
    public int PendingCount => _pending.Count;

    private void Advance()
    {
        while (_pending.First is { } first && first.Value.Finished)
        {
            _committable = first.Value.Offset + 1;
            _pending.RemoveFirst();
        }
    }
}
