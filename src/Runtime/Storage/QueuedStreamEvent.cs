namespace Shop.Runtime.Storage;

/// <summary>An event read back from a queue of the stream log, with its per-queue sequence number.</summary>
public sealed record QueuedStreamEvent(long Sequence, StreamEvent Event);
