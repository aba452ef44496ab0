namespace Shop.Journaling;

/// <summary>
/// Thrown to callers of an activation that found its journal written by someone else (another activation of the
/// same grain, after a silo was cut off and declared dead). The activation stops writing and deactivates; the
/// outcome of the caller's request is unknown, and a retry reaches the activation that owns the journal.
/// </summary>
[GenerateSerializer]
public sealed class JournalFencedException : Exception
{
    public JournalFencedException() { }

    public JournalFencedException(string message) : base(message) { }

    public JournalFencedException(string message, Exception innerException) : base(message, innerException) { }
}
