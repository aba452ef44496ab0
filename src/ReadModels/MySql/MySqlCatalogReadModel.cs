using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.ReadModels;
using Shop.ReadModels.Common;

namespace Shop.ReadModels.MySql;

/// <summary>
/// The catalog read model of a cluster: listings from InnoDB tables and search from a Mroonga table (Groonga's
/// N-gram index, so parts of Korean words are found), all in the configured MariaDB database.
/// </summary>
/// <remarks>
/// The schema is created or upgraded by <see cref="InitializeAsync"/> (or on first use), see
/// <see cref="MySqlCatalogSchema"/>. Changes go through a group commit (<see cref="GroupCommitQueue"/>) onto one
/// writer connection (<see cref="MySqlCatalogWriter"/>); a call returns once its transaction has committed. Reads use
/// pooled connections; a read that lost its connection (a server restart, an idle connection the server closed) is
/// run once more on a fresh one, since reads change nothing.
/// </remarks>
public sealed class MySqlCatalogReadModel : ICatalogReadModel, ICatalogReadModelStartup, IAsyncDisposable
{
    private readonly MySqlCatalogReadModelOptions _options;
    private readonly ILogger _logger;
    private readonly MySqlCatalogWriter _writer;
    private readonly GroupCommitQueue _queue;
    private readonly SemaphoreSlim _openLock = new(1, 1);
    private volatile bool _open;
    private int _disposed;

    public MySqlCatalogReadModel(MySqlCatalogReadModelOptions options, ILogger<MySqlCatalogReadModel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options.ConnectionString));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchChanges, 1, nameof(options.MaxBatchChanges));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RowsPerStatement, 1, nameof(options.RowsPerStatement));

        _options = options;
        _logger = logger ?? NullLogger<MySqlCatalogReadModel>.Instance;
        _writer = new MySqlCatalogWriter(options.ConnectionString, options.RowsPerStatement, _logger);
        _queue = new GroupCommitQueue(_writer.CommitAsync, options.MaxBatchChanges, "MariaDB", _logger);
    }

    /// <summary>How many transactions have committed changes (tests use it to see calls being coalesced).</summary>
    internal long CommittedBatches => _queue.CommittedBatches;

    /// <summary>Creates or upgrades the schema now instead of on first use.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => EnsureOpenAsync(cancellationToken);

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
        => ReadAsync((connection, ct) => MySqlCatalogQueries.GetVersionAsync(connection, productId, ct), cancellationToken);

    public Task<ProductPage> ListByCategoryAsync(string categoryPath, bool includeDescendants, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        CategoryPath.Validate(categoryPath, nameof(categoryPath));
        var request = PageRequest.Create(page, pageSize);
        return ReadAsync((connection, ct) => MySqlCatalogQueries.ListByCategoryAsync(connection, categoryPath, includeDescendants, request, ct), cancellationToken);
    }

    public Task<ProductPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var request = SearchRequest.From(query);
        return ReadAsync((connection, ct) => GroongaSearch.RunAsync(connection, request, _options.UseQueryCache, ct), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Queued changes are still committed: their callers are waiting to hear so.
        await _queue.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(Func<MySqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadOnceAsync(read, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (MySqlCatalogErrors.IsRetriable(exception) && !cancellationToken.IsCancellationRequested)
        {
            MySqlCatalogLog.ReadRetried(_logger, exception);
            return await ReadOnceAsync(read, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T> ReadOnceAsync<T>(Func<MySqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(_options.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await read(connection, cancellationToken).ConfigureAwait(false);
    }

    private Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _open ? Task.CompletedTask : OpenAsync(cancellationToken);
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _openLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (!_open)
            {
                // A failed migration leaves _open false, so the next call tries again (e.g. once the server is back).
                await MySqlCatalogSchema.EnsureAsync(_options.ConnectionString, _options.SchemaLockTimeout, _logger, cancellationToken).ConfigureAwait(false);
                MySqlCatalogLog.Opened(_logger, new MySqlConnectionStringBuilder(_options.ConnectionString).Database, MySqlCatalogSchema.LatestVersion);
                _queue.Start();
                _open = true;
            }
        }
        finally
        {
            _openLock.Release();
        }
    }
}
