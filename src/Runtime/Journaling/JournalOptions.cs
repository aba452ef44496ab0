namespace Shop.Runtime.Journaling;

/// <summary>How journaled grains snapshot their state.</summary>
public sealed class JournalOptions
{
    /// <summary>
    /// Fewest journal entries between two snapshots. Default 1,000. The gap also grows with the journal
    /// (a snapshot is taken once the entries since the last one reach the version it was taken at), so
    /// snapshot writes cost O(1) amortized per entry however large the state grows.
    /// </summary>
    public int MinEntriesBetweenSnapshots { get; set; } = 1_000;

    /// <summary>
    /// Largest snapshot written, in bytes of JSON. Default 8 MiB, well under MariaDB's default 16 MiB packet.
    /// A larger state is not snapshotted (the journal alone still rebuilds it, only more slowly).
    /// </summary>
    public int MaxSnapshotBytes { get; set; } = 8 * 1024 * 1024;
}
