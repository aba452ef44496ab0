namespace Shop.Runtime;

/// <summary>A grain's journal has a gap or an entry that does not follow from its predecessors.</summary>
public sealed class JournalCorruptedException(string message) : Exception(message);
