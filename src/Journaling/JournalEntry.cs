namespace Shop.Journaling;

/// <summary>One stored journal entry: its version (from 1, no gaps), its JSON and when it was committed.</summary>
public sealed record JournalEntry(long Version, byte[] Payload, DateTimeOffset RecordedAt);
