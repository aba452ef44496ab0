namespace Shop.Journaling;

/// <summary>How journaled grains snapshot their state.</summary>
public sealed class JournalOptions
{
    /// <summary>
    /// Fewest journal entries between two snapshots. Default 1,000. A snapshot is also held back until the
    /// entries written since the last one are at least as large as that snapshot, so snapshots cost at most
    /// as many bytes as the journal itself and a reload reads at most about twice the snapshot.
    /// </summary>
    public int MinEntriesBetweenSnapshots { get; set; } = 1_000;

    /// <summary>
    /// Largest snapshot written, in bytes of JSON. Default 8 MiB, well under MariaDB's default 16 MiB packet.
    /// A larger state is not snapshotted (the journal alone still rebuilds it, only more slowly).
    /// </summary>
    public int MaxSnapshotBytes { get; set; } = 8 * 1024 * 1024;
}
