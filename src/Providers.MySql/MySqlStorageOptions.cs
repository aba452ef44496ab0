namespace Shop.Providers.MySql;

/// <summary>Settings of the MySQL/MariaDB storage provider. The store reads them once, when it is constructed.</summary>
public sealed class MySqlStorageOptions
{
    /// <summary>
    /// The MySql.Data connection string of the database that holds the store, for example
    /// <c>Server=127.0.0.1;Port=3306;Database=shop;User ID=shop;Password=…;SslMode=Required</c>. Required.
    /// </summary>
    /// <remarks>
    /// The database must exist and name a MariaDB 10.6+ (or MySQL 8) server with InnoDB; the store
    /// creates and upgrades its tables in it when it starts, so the user needs CREATE, ALTER, INDEX,
    /// SELECT, INSERT, UPDATE and DELETE on it. Commits are durable only as far as the server makes
    /// them: run it with <c>innodb_flush_log_at_trx_commit=1</c> (and <c>sync_binlog=1</c> when the
    /// binary log is on). The store keeps a few long-lived connections of its own (no pooling) and
    /// always talks utf8mb4 on them; timeouts, TLS and the other settings are taken as given.
    /// </remarks>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The most commits grouped into one transaction, and so one redo-log flush. 1 turns group commit
    /// off. Default: 256.
    /// </summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// How many connections run group commits side by side. Commits that append to the same stream
    /// queue serialize on its row whatever this is, so more writers help mainly when commits touch
    /// different queues. Default: 1.
    /// </summary>
    public int WriterConnections { get; set; } = 1;

    /// <summary>
    /// How many connections, each on a thread of its own, run reads and the writes that are not commits
    /// (checkpoints, dead letters, reminders, trimming). It bounds how many such statements are in
    /// flight at once; more callers wait in the store. Default: 8.
    /// </summary>
    public int StatementConnections { get; set; } = 8;

    /// <summary>
    /// How long a starting store waits for another one that is creating or upgrading the schema of the
    /// same database. Default: 2 minutes.
    /// </summary>
    public TimeSpan SchemaLockTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
