using Orleans.Storage;

namespace Shop.Providers.MySql;

/// <summary>Settings of the MariaDB/MySQL storage provider. The store reads them once, when it is constructed.</summary>
public sealed class MySqlStorageOptions
{
    /// <summary>
    /// The MySqlConnector connection string of the database that holds the store, for example
    /// <c>Server=127.0.0.1;Port=3306;Database=shop;User ID=shop;Password=…;SslMode=Required</c>. Required.
    /// </summary>
    /// <remarks>
    /// The database must exist and name a MariaDB 10.6+ (or MySQL 8) server with InnoDB. The user needs
    /// CREATE, CREATE VIEW, ALTER, INDEX, DROP, REFERENCES, SELECT, INSERT, UPDATE and DELETE on it (the
    /// schema is created or upgraded at start, <see cref="MySqlSchema.EnsureAsync"/>). Writes are durable
    /// only as far as the server makes them: run it with <c>innodb_flush_log_at_trx_commit=1</c> (and
    /// <c>sync_binlog=1</c> when the binary log is on). No extra settings are needed: the store sets what
    /// its own connections need (affected-row counts and no pooling on writer connections); the same string
    /// serves Orleans' ADO.NET providers as is (<see cref="MySqlInvariant.Name"/>).
    /// </remarks>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The most writes (grain states, journal appends) grouped into one transaction, and so one redo-log
    /// flush. 1 turns group commit off. Default: 256.
    /// </summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// How many connections run group commits side by side. With one, a batch forms while the previous
    /// one flushes; with more, flushes overlap too, at the price of smaller batches. Default: 2.
    /// </summary>
    public int WriterConnections { get; set; } = 2;

    /// <summary>
    /// How long a starting store waits for another process that is creating or upgrading the schema of
    /// the same database. Default: 2 minutes.
    /// </summary>
    public TimeSpan SchemaLockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How grain state (<see cref="MySqlGrainStorage"/>) becomes bytes. Default: null, meaning UTF-8 JSON by
    /// System.Text.Json with <see cref="Shop.Journaling.JournalJson.Options"/> (docs/state-format.md), the
    /// format of journal entries and snapshots and of the SQLite provider.
    /// </summary>
    public IGrainStorageSerializer? GrainStorageSerializer { get; set; }
}
