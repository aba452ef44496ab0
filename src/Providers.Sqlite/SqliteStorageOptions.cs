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
    /// The most write operations (commits, checkpoints, reminder changes…) grouped into one SQLite
    /// transaction and so one fsync. 1 turns group commit off. Default: 256.
    /// </summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, FileName);
}
