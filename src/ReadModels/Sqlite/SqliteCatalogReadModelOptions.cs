namespace Shop.ReadModels.Sqlite;

/// <summary>Settings of <see cref="SqliteCatalogReadModel"/>, read once when it is constructed.</summary>
public sealed class SqliteCatalogReadModelOptions
{
    /// <summary>The directory of the database file, created when missing. Required (the silo's <c>Shop:DataDirectory</c>).</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>
    /// The database file, its own so that catalog reads and writes never wait on the grain-state file's writer.
    /// Default: <c>catalog.db</c>.
    /// </summary>
    public string FileName { get; set; } = "catalog.db";

    /// <summary>How long a statement waits for another connection's lock before failing. Default: 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most changes grouped into one transaction (calls are never split, so one large call can exceed it).
    /// SQLite has one writer at a time, so a bigger batch mostly means a longer wait for the readers' next
    /// snapshot, not more throughput. Default: 1,000.
    /// </summary>
    public int MaxBatchChanges { get; set; } = 1_000;
}
