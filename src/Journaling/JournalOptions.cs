namespace Shop.Journaling;

/// <summary>How journaled grains snapshot their state.</summary>
public sealed class JournalOptions
{
    /// <summary>Fewest journal entries between two snapshots. Default 1,000.</summary>
    public int MinEntriesBetweenSnapshots { get; set; } = 1_000;

    /// <summary>
    /// How many times the size of the last snapshot the journal must grow by before the next snapshot is taken.
    /// Default 4: serializing snapshots costs at most a quarter of what the journal itself writes, and a reload
    /// reads a snapshot and at most about four times its size of journal. (At 1, a hot SKU whose state grows spent
    /// as much time serializing snapshots as taking orders.)
    /// </summary>
    public int JournalGrowthPerSnapshot { get; set; } = 4;

    /// <summary>
    /// Largest snapshot written, in bytes of JSON. Default 8 MiB, well under MariaDB's default 16 MiB packet.
    /// A larger state is not snapshotted (the journal alone still rebuilds it, only more slowly).
    /// </summary>
    public int MaxSnapshotBytes { get; set; } = 8 * 1024 * 1024;
}
