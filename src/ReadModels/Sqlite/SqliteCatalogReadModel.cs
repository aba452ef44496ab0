using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.ReadModels;
using Shop.ReadModels.Common;

namespace Shop.ReadModels.Sqlite;

/// <summary>
/// The catalog read model of the embedded default: listings and full-text search in a SQLite file of its own
/// (<see cref="SqliteCatalogReadModelOptions.FileName"/>, WAL mode), with an FTS5 <c>trigram</c> index.
/// </summary>
/// <remarks>
/// The file is opened, and its schema created or upgraded, by <see cref="InitializeAsync"/> or on first use.
/// Changes go through a group commit (<see cref="GroupCommitQueue"/>) onto one writer connection, with
/// <c>synchronous=FULL</c>: a call returns once its changes are on disk, so a projection that heard "done" never has
/// to send them again. Reads use pooled connections of their own and see the last committed batch (WAL).
/// </remarks>
public sealed class SqliteCatalogReadModel : ICatalogReadModel, ICatalogReadModelStartup, IAsyncDisposable, IDisposable
{
    private readonly string _directory;
    private readonly string _path;
    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly TimeSpan _busyTimeout;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly GroupCommitQueue _queue;
    private readonly SemaphoreSlim _openLock = new(1, 1);
    private volatile SqliteCatalogWriter? _writer;
    private int _disposed;

    public SqliteCatalogReadModel(SqliteCatalogReadModelOptions options, ILogger<SqliteCatalogReadModel>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory, nameof(options.DataDirectory));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FileName, nameof(options.FileName));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.FromMilliseconds(1), nameof(options.BusyTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchChanges, 1, nameof(options.MaxBatchChanges));

        _directory = Path.GetFullPath(options.DataDirectory);
        _path = Path.Combine(_directory, options.FileName);
        _busyTimeout = options.BusyTimeout;
        _logger = logger ?? NullLogger<SqliteCatalogReadModel>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        var timeoutSeconds = (int)Math.Ceiling(_busyTimeout.TotalSeconds);
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The writer connection lives as long as the read model; pooling would only keep it open after Dispose.
            Pooling = false,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            // Readers never create the file: the writer did, with its schema, before any read runs.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        _queue = new GroupCommitQueue(CommitAsync, options.MaxBatchChanges, "SQLite", _logger);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _path;

    /// <summary>How many transactions have committed changes (tests use it to see calls being coalesced).</summary>
    internal long CommittedBatches => _queue.CommittedBatches;

    /// <summary>Opens the file (creating or upgrading its schema) now instead of on first use.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
        => await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);

    public async Task ApplyAsync(IReadOnlyList<CatalogChange> changes, CancellationToken cancellationToken = default)
    {
        ChangeValidation.Validate(changes);
        if (changes.Count == 0)
        {
            return;
        }

        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await _queue.EnqueueAsync(changes, cancellationToken).ConfigureAwait(false);
    }

    public Task<long?> GetVersionAsync(long productId, CancellationToken cancellationToken = default)
        => ReadAsync((connection, ct) => SqliteCatalogQueries.GetVersionAsync(connection, productId, ct), cancellationToken);

    public Task<ProductPage> ListByCategoryAsync(string categoryPath, bool includeDescendants, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        CategoryPath.Validate(categoryPath, nameof(categoryPath));
        var request = PageRequest.Create(page, pageSize);
        return ReadAsync((connection, ct) => SqliteCatalogQueries.ListByCategoryAsync(connection, categoryPath, includeDescendants, request, ct), cancellationToken);
    }

    public Task<ProductPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var request = SearchRequest.From(query);
        return ReadAsync((connection, ct) => SqliteCatalogQueries.SearchAsync(connection, request, ct), cancellationToken);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Queued changes are still committed: their callers are waiting to hear so.
        await _queue.DisposeAsync().ConfigureAwait(false);
        await _openLock.WaitAsync().ConfigureAwait(false);
        var writer = _writer;
        _writer = null;
        _openLock.Release();
        writer?.Dispose();

        // Idle pooled readers keep the file (and its -wal/-shm files) open; release them with the read model.
        using var connection = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private Task CommitAsync(IReadOnlyList<CatalogChange> changes)
    {
        // The queue loop is the only caller, one batch at a time; SQLite's API is synchronous anyway.
        var writer = _writer ?? throw new ObjectDisposedException(nameof(SqliteCatalogReadModel));
        writer.Commit(changes);
        return Task.CompletedTask;
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await read(connection, cancellationToken).ConfigureAwait(false);
    }

    private Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _writer is not null ? Task.CompletedTask : OpenAsync(cancellationToken);
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _openLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_writer is null)
            {
                // A failed open leaves _writer null, so the next call tries again (e.g. once the disk has room).
                _writer = Open();
                _queue.Start();
            }
        }
        finally
        {
            _openLock.Release();
        }
    }

    private SqliteCatalogWriter Open()
    {
        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            connection.Open();
            Pragma(connection, "PRAGMA busy_timeout = " + ((long)_busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";");

            // WAL lets searches run while a batch commits, and makes a commit one sequential append.
            var journalMode = Convert.ToString(Pragma(connection, "PRAGMA journal_mode = WAL;"), CultureInfo.InvariantCulture);
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode for {_path} (got '{journalMode}').");
            }

            // NORMAL could lose the last commits on power loss, after their callers heard they were done; the
            // version guard would then ignore nothing and no one would send them again.
            Pragma(connection, "PRAGMA synchronous = FULL;");

            // After a checkpoint the WAL file is reused rather than shrunk; without a limit one bulk import would keep
            // it at its peak size for good.
            Pragma(connection, "PRAGMA journal_size_limit = 67108864;");

            var previous = SqliteCatalogSchema.Migrate(connection, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            if (previous >= 0)
            {
                SqliteCatalogLog.SchemaUpgraded(_logger, _path, previous, SqliteCatalogSchema.LatestVersion);
            }

            SqliteCatalogLog.Opened(_logger, _path, SqliteCatalogSchema.LatestVersion);
            return new SqliteCatalogWriter(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static object? Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return command.ExecuteScalar();
    }
}
