namespace Shop.Runtime.Storage;

/// <summary>An insert-only journal row of a grain (e.g. a stock ledger line). Versions start at 1 and have no gaps.</summary>
public sealed record JournalEntry(long Version, byte[] Payload, DateTimeOffset RecordedAt);
