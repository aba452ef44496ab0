namespace Shop.Journaling;

/// <summary>How journaled grains snapshot their state and publish their events.</summary>
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

    /// <summary>
    /// How often each silo looks for outbox entries that their grains have not published (the grain's activation
    /// died, or its publishing keeps failing) and wakes those grains. Default 2 s.
    /// </summary>
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long an outbox entry may wait before the sweeper steps in; a live grain publishes within milliseconds.
    /// Default 3 s, so a crashed grain's events go out within about 5 s of the silo (or a survivor) being up.
    /// </summary>
    public TimeSpan OutboxStaleAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Most events a grain puts on its stream in one message. Default 100.</summary>
    public int MaxEventsPerPublish { get; set; } = 100;
}
