namespace Shop.Journaling;

/// <summary>What rebuilds a journaled grain: the newest snapshot (if any) and the entries after it, in order.</summary>
public sealed record JournalRead(JournalSnapshot? Snapshot, IReadOnlyList<JournalEntry> Entries);
