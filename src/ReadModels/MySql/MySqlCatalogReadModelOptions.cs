namespace Shop.ReadModels.MySql;

/// <summary>Settings of <see cref="MySqlCatalogReadModel"/>, read once when it is constructed.</summary>
public sealed class MySqlCatalogReadModelOptions
{
    /// <summary>
    /// The MySqlConnector connection string of the database that holds the read model (it may be the silo's own
    /// database: the tables are <c>catalog_*</c>). Required. The server must be MariaDB 10.6+ with the Mroonga plugin
    /// (<c>mariadb-plugin-mroonga</c>), and the function <c>mroonga_command</c> must exist or the account must be
    /// allowed to create it (see <see cref="MySqlCatalogReadModel"/>).
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The most changes grouped into one transaction (calls are never split, so one large call can exceed it). Big
    /// batches are what make a bulk import fast (one redo-log flush, multi-row statements); the steady trickle of
    /// catalog edits forms small ones by itself. Default: 5,000.
    /// </summary>
    public int MaxBatchChanges { get; set; } = 5_000;

    /// <summary>Rows per multi-row INSERT/DELETE statement inside a batch. Default: 500.</summary>
    public int RowsPerStatement { get; set; } = 500;

    /// <summary>
    /// Whether searches may be answered from Groonga's query cache, which holds the results of recent identical
    /// selects and is emptied by any write to the database's Mroonga tables, so it never returns stale results.
    /// Turn off to measure the engine itself. Default: true.
    /// </summary>
    public bool UseQueryCache { get; set; } = true;

    /// <summary>How long a starting read model waits for another process creating or upgrading the same schema. Default: 2 minutes.</summary>
    public TimeSpan SchemaLockTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
