namespace Shop.Journaling;

/// <summary>A grain's state as of journal version <see cref="Version"/>, as JSON.</summary>
public sealed record JournalSnapshot(long Version, byte[] Payload);
