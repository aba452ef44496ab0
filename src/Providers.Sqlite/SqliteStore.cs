using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Providers.Sqlite.Schema;
using Shop.Providers.Sqlite.Writing;

namespace Shop.Providers.Sqlite;

/// <summary>
/// The one SQLite database file behind the silo's grain state (<see cref="SqliteGrainStorage"/>), journals
/// (<see cref="SqliteJournalStorage"/>) and reminders (<see cref="SqliteReminderTable"/>).
/// </summary>
/// <remarks>
/// The file is opened, and its schema created or upgraded, at silo start (or on first use). The database
/// runs in WAL mode with <c>synchronous=FULL</c>, so a write is on disk before its task completes and
/// survives a process kill or power loss. All writes go through one writer thread that groups concurrent
/// ones into one transaction (group commit); reads use their own pooled connections and see the last
/// committed data. One store per file per process: SQLite admits one writer at a time anyway.
/// </remarks>
public sealed class SqliteStore : IDisposable, IAsyncDisposable
{
    private readonly string _path;
    private readonly string _dataDirectory;
    private readonly TimeSpan _busyTimeout;
    private readonly int _maxBatchSize;
    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _openLock = new(1, 1);
    private volatile SqliteWriter? _writer;
    private int _disposed;

    public SqliteStore(SqliteStorageOptions options, ILogger<SqliteStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory, nameof(options.DataDirectory));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FileName, nameof(options.FileName));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.FromMilliseconds(1), nameof(options.BusyTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options.MaxBatchSize));

        _dataDirectory = Path.GetFullPath(options.DataDirectory);
        _path = Path.Combine(_dataDirectory, options.FileName);
        _busyTimeout = options.BusyTimeout;
        _maxBatchSize = options.MaxBatchSize;
        _logger = logger ?? NullLogger<SqliteStore>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;

        var timeoutSeconds = (int)Math.Ceiling(_busyTimeout.TotalSeconds);
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // The writer connection lives as long as the store; pooling would only keep it open after Dispose.
            Pooling = false,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _path;

    /// <summary>How many write transactions this instance has committed.</summary>
    internal long CommittedBatches => _writer?.CommittedBatches ?? 0;

    /// <summary>
    /// Runs <paramref name="work"/> on the writer connection inside its own savepoint of the next batch
    /// transaction, and completes only once that transaction has committed. Throwing
    /// <see cref="Orleans.Storage.InconsistentStateException"/> from the work rolls back only that work.
    /// </summary>
    internal async Task<T> ExecuteWriteAsync<T>(Func<WriteContext, T> work, CancellationToken cancellationToken = default)
    {
        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        return await writer.EnqueueAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="read"/> on a pooled read connection of its own (never the writer's).</summary>
    internal async Task<T> ExecuteReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await read(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the database (creating or upgrading its schema) now instead of on first use.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
        => await GetWriterAsync(cancellationToken).ConfigureAwait(false);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Taking the lock waits out an open in progress, after which no new one can start.
        _openLock.Wait();
        var writer = _writer;
        _openLock.Release();
        writer?.StopAsync().GetAwaiter().GetResult();
        ClearReadPool();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _openLock.WaitAsync().ConfigureAwait(false);
        var writer = _writer;
        _openLock.Release();
        if (writer is not null)
        {
            await writer.StopAsync().ConfigureAwait(false);
        }

        ClearReadPool();
    }

    private Task<SqliteWriter> GetWriterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var writer = _writer;
        return writer is not null ? Task.FromResult(writer) : OpenAsync(cancellationToken);
    }

    private async Task<SqliteWriter> OpenAsync(CancellationToken cancellationToken)
    {
        await _openLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            // A failed open leaves _writer null, so the next call tries again (e.g. once the disk has room).
            return _writer ??= Open();
        }
        finally
        {
            _openLock.Release();
        }
    }

    private SqliteWriter Open()
    {
        Directory.CreateDirectory(_dataDirectory);
        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            connection.Open();
            ExecutePragma(connection, "PRAGMA busy_timeout = " + ((long)_busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";");

            // WAL lets readers run while the writer commits, and makes a commit one sequential append.
            var journalMode = Convert.ToString(ExecutePragma(connection, "PRAGMA journal_mode = WAL;"), CultureInfo.InvariantCulture);
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode for {_path} (got '{journalMode}').");
            }

            // NORMAL would be faster but can lose the last commits on power loss; an acknowledged commit must stay.
            ExecutePragma(connection, "PRAGMA synchronous = FULL;");

            // After a checkpoint the WAL file is reused rather than shrunk; without a limit one burst of
            // large commits would keep it at its peak size for good.
            ExecutePragma(connection, "PRAGMA journal_size_limit = 67108864;");

            var previous = SqliteSchema.Migrate(connection, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            if (previous >= 0)
            {
                SqliteStoreLog.SchemaUpgraded(_logger, _path, previous, SqliteSchema.LatestVersion);
            }

            var writer = new SqliteWriter(connection, _maxBatchSize, _timeProvider, _logger);
            writer.Start();
            SqliteStoreLog.Opened(_logger, _path, SqliteSchema.LatestVersion);
            return writer;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static object? ExecutePragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return command.ExecuteScalar();
    }

    private async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        // The schema must exist before a reader looks for its tables.
        await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void ClearReadPool()
    {
        // Idle pooled readers keep the file (and its -wal/-shm files) open; release them with the store.
        using var connection = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(connection);
    }
}
