using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Shop.Providers.MySql.Writing;

namespace Shop.Providers.MySql;

/// <summary>
/// Grain state and grain journals in one MariaDB/MySQL (InnoDB) database, shared by
/// <see cref="MySqlGrainStorage"/> and <see cref="MySqlJournalStorage"/>: one set of group-commit writers
/// per process, so state writes and journal appends of all grains share transactions.
/// </summary>
/// <remarks>
/// The schema is created or upgraded when the store opens (<see cref="InitializeAsync"/>, run early in the
/// silo's start, or on first use). Writes go through the group-commit writers (see
/// <see cref="MySqlStorageOptions.MaxBatchSize"/>) and complete only once their transaction has committed;
/// reads run on pooled connections and are retried once when their connection turns out dead.
/// </remarks>
public sealed class MySqlStore : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;
    private readonly int _maxBatchSize;
    private readonly int _writers;
    private readonly TimeSpan _schemaLockTimeout;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _openLock = new(1, 1);
    private volatile CommitWriter? _writer;
    private int _disposed;

    public MySqlStore(MySqlStorageOptions options, ILogger<MySqlStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options.ConnectionString));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options.MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WriterConnections, 1, nameof(options.WriterConnections));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SchemaLockTimeout, TimeSpan.Zero, nameof(options.SchemaLockTimeout));

        var settings = new MySqlConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrWhiteSpace(settings.Database))
        {
            throw new ArgumentException("The connection string must name the database (Database=…) that holds the store.", nameof(options));
        }

        Database = settings.Database;
        _connectionString = settings.ConnectionString;
        // Reads borrow pooled connections; a pooled session that the server killed is found out by the
        // read itself, which is then run once more (see ReadAsync). A read leaves no session state behind, so a
        // borrowed session is not reset first: the reset is a round trip of its own, a sixth of the CPU of a busy silo.
        settings.Pooling = true;
        settings.ConnectionReset = false;
        _readConnectionString = settings.ConnectionString;
        settings.ConnectionReset = true;

        // Each writer loop owns one connection for as long as the store lives, and closing it must really
        // end its session (with any transaction it holds): no pooling. Affected rather than matched rows:
        // see StateWrite.
        settings.Pooling = false;
        settings.UseAffectedRows = true;
        _writeConnectionString = settings.ConnectionString;

        _maxBatchSize = options.MaxBatchSize;
        _writers = options.WriterConnections;
        _schemaLockTimeout = options.SchemaLockTimeout;
        _logger = logger ?? NullLogger<MySqlStore>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The database that holds the store.</summary>
    public string Database { get; }

    /// <summary>How many group-commit transactions this instance has committed.</summary>
    internal long CommittedBatches => _writer?.CommittedBatches ?? 0;

    /// <summary>How many writes those transactions held.</summary>
    internal long CommittedWrites => _writer?.CommittedWrites ?? 0;

    /// <summary>How many group commits were run again after a deadlock, a lock wait timeout or a dead connection.</summary>
    internal long RetriedBatches => _writer?.RetriedBatches ?? 0;

    /// <summary>How many batches hit an unexpected error and were run again one write per transaction.</summary>
    internal long SplitBatches => _writer?.SplitBatches ?? 0;

    /// <summary>Creates or upgrades the schema and starts the writers now instead of on first use.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
        => await GetWriterAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Taking the lock waits out an open in progress, after which no new one can start.
        await _openLock.WaitAsync().ConfigureAwait(false);
        var writer = _writer;
        _openLock.Release();
        if (writer is not null)
        {
            await writer.StopAsync().ConfigureAwait(false);
        }

        MySqlConnection.ClearPool(new MySqlConnection(_readConnectionString));
    }

    /// <summary>Queues a write for the next group commit; completes once it has committed (or throws its conflict).</summary>
    internal async Task WriteAsync(WriteOperation operation, CancellationToken cancellationToken)
    {
        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        await writer.EnqueueAsync(operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a read on a pooled connection, once the schema is in place. A read whose connection turns out
    /// dead (killed, or cut by a server restart) runs once more on a fresh one: reads change nothing.
    /// </summary>
    internal async Task<T> ReadAsync<T>(Func<MySqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var connection = new MySqlConnection(_readConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return await read(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (attempt == 1 && !cancellationToken.IsCancellationRequested && MySqlErrors.IsConnectionFailure(exception))
            {
                // Other idle connections of the pool most likely died the same way.
                MySqlConnection.ClearPool(connection);
                MySqlStoreLog.ReadRetried(_logger, exception);
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Runs a write that commits on its own (autocommit) on a pooled connection, outside the group commit; durable
    /// when it completes. Not retried: the caller knows whether running it again is harmless.
    /// </summary>
    internal async Task<T> WriteAloneAsync<T>(Func<MySqlConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = new MySqlConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await write(connection, cancellationToken).ConfigureAwait(false);
    }

    private Task<CommitWriter> GetWriterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var writer = _writer;
        return writer is not null ? Task.FromResult(writer) : OpenAsync(cancellationToken);
    }

    private async Task<CommitWriter> OpenAsync(CancellationToken cancellationToken)
    {
        await _openLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_writer is { } open)
            {
                return open;
            }

            // A failed open leaves _writer null, so the next call tries again (e.g. once the server is up).
            var applied = await MySqlSchema.MigrateAsync(_connectionString, _schemaLockTimeout, cancellationToken).ConfigureAwait(false);
            foreach (var script in applied)
            {
                MySqlStoreLog.ScriptApplied(_logger, script.Name, Database);
            }

            var writer = new CommitWriter(_writeConnectionString, _writers, _maxBatchSize, _timeProvider, _logger);
            writer.Start();
            MySqlStoreLog.Opened(_logger, Database, MySqlSchema.LatestVersion, _writers, _maxBatchSize);
            _writer = writer;
            return writer;
        }
        finally
        {
            _openLock.Release();
        }
    }
}
