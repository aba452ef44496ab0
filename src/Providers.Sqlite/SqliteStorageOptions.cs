using Orleans.Storage;

namespace Shop.Providers.Sqlite;

/// <summary>Settings of the SQLite storage provider. The store reads them once, when it is constructed.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The folder of the database file; created when missing. Default: <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The database file name inside <see cref="DataDirectory"/>. Default: <c>shop.db</c>.</summary>
    public string FileName { get; set; } = "shop.db";

    /// <summary>
    /// How long a statement waits for a lock held by another connection (another process on the same
    /// file, or a WAL checkpoint) before it fails. Default: 30 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most write operations (state writes, journal appends, reminder changes…) grouped into one SQLite
    /// transaction and so one fsync. 1 turns group commit off. Default: 256.
    /// </summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// How grain state (<see cref="SqliteGrainStorage"/>) becomes bytes. Default: null, meaning UTF-8 JSON by
    /// System.Text.Json with <see cref="Shop.Journaling.JournalJson.Options"/> (docs/state-format.md), the
    /// format journal entries and snapshots use too.
    /// </summary>
    public IGrainStorageSerializer? GrainStorageSerializer { get; set; }

    /// <summary>The path of the database file: <see cref="DataDirectory"/>/<see cref="FileName"/>.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, FileName);
}
