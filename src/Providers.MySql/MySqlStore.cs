using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySql.Data.MySqlClient;
using Shop.Providers.MySql.Schema;
using Shop.Providers.MySql.Statements;
using Shop.Providers.MySql.Writing;
using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.Providers.MySql;

/// <summary>
/// Grain state, grain journals, the stream log and reminders in one MySQL/MariaDB (InnoDB) database.
/// </summary>
/// <remarks>
/// The schema is created or upgraded on first use (or by <see cref="InitializeAsync"/>). Commits go
/// through group-commit writers (see <see cref="MySqlStorageOptions.MaxBatchSize"/>); every other
/// operation is one autocommitted statement, durable when its task completes as far as the server's
/// <c>innodb_flush_log_at_trx_commit</c> makes it. MySql.Data 8.0 blocks in its "async" methods, so all
/// database work runs on the store's own threads and connections: callers only await tasks and never
/// hold up a thread-pool thread.
/// </remarks>
public sealed partial class MySqlStore : IGrainStorage, IStreamQueueStorage, IReminderTable, IDisposable, IAsyncDisposable
{
    private readonly string _database;
    private readonly string _statementConnectionString;
    private readonly string _writeConnectionString;
    private readonly string _schemaConnectionString;
    private readonly int _maxBatchSize;
    private readonly int _writers;
    private readonly int _statementConnections;
    private readonly TimeSpan _schemaLockTimeout;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _openLock = new(1, 1);
    private volatile OpenStore? _open;
    private int _disposed;

    public MySqlStore(MySqlStorageOptions options, ILogger<MySqlStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options.ConnectionString));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options.MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WriterConnections, 1, nameof(options.WriterConnections));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.StatementConnections, 1, nameof(options.StatementConnections));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SchemaLockTimeout, TimeSpan.Zero, nameof(options.SchemaLockTimeout));

        var settings = new MySqlConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrWhiteSpace(settings.Database))
        {
            throw new ArgumentException("The connection string must name the database (Database=…) that holds the store.", nameof(options));
        }

        _database = settings.Database;
        // Whatever the server's default, keys and payload text must round-trip emoji and every script.
        settings.CharacterSet = "utf8mb4";
        // Every connection belongs to one thread of the store for as long as the store lives, and closing
        // one must really end its session (with any transaction or lock it holds): no pooling.
        settings.Pooling = false;
        _statementConnectionString = settings.ConnectionString;

        // Affected rather than matched rows: see CommitSql.
        settings.UseAffectedRows = true;
        _writeConnectionString = settings.ConnectionString;

        settings.UseAffectedRows = false;
        settings.AllowUserVariables = true;
        _schemaConnectionString = settings.ConnectionString;

        _maxBatchSize = options.MaxBatchSize;
        _writers = options.WriterConnections;
        _statementConnections = options.StatementConnections;
        _schemaLockTimeout = options.SchemaLockTimeout;
        _logger = logger ?? NullLogger<MySqlStore>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The database that holds the store.</summary>
    public string Database => _database;

    /// <summary>How many group-commit transactions this instance has committed.</summary>
    internal long CommittedBatches => _open?.Writer.CommittedBatches ?? 0;

    /// <summary>How many group commits were run again after a deadlock or lock wait timeout.</summary>
    internal long RetriedBatches => _open?.Writer.RetriedBatches ?? 0;

    /// <summary>Creates or upgrades the schema and starts the store's threads now instead of on first use.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
        => await GetOpenAsync(cancellationToken).ConfigureAwait(false);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Taking the lock waits out an open in progress, after which no new one can start.
        _openLock.Wait();
        var open = _open;
        _openLock.Release();
        if (open is not null)
        {
            Task.WhenAll(open.Writer.StopAsync(), open.Statements.StopAsync()).GetAwaiter().GetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _openLock.WaitAsync().ConfigureAwait(false);
        var open = _open;
        _openLock.Release();
        if (open is not null)
        {
            await Task.WhenAll(open.Writer.StopAsync(), open.Statements.StopAsync()).ConfigureAwait(false);
        }
    }

    private Task<OpenStore> GetOpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var open = _open;
        return open is not null ? Task.FromResult(open) : OpenAsync(cancellationToken);
    }

    private async Task<OpenStore> OpenAsync(CancellationToken cancellationToken)
    {
        await _openLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            // The migration blocks (MySql.Data, and perhaps the schema lock): not on a thread-pool thread.
            // A failed open leaves _open null, so the next call tries again (e.g. once the server is up).
            return _open ??= await Task.Factory.StartNew(
                Open,
                CancellationToken.None,
                TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            _openLock.Release();
        }
    }

    private OpenStore Open()
    {
        using (var connection = new MySqlConnection(_schemaConnectionString))
        {
            connection.Open();
            using (var setup = connection.CreateCommand())
            {
                setup.CommandText = MySqlSql.CharacterSetResults;
                setup.ExecuteNonQuery();
            }

            var applied = MySqlSchema.Migrate(connection, _database, _schemaLockTimeout, MySqlValues.ToColumn(_timeProvider.GetUtcNow()));
            foreach (var script in applied)
            {
                MySqlStoreLog.ScriptApplied(_logger, script.Name, _database);
            }
        }

        var writer = new CommitWriter(_writeConnectionString, _writers, _maxBatchSize, _timeProvider, _logger);
        var statements = new StatementWorkers(_statementConnectionString, _statementConnections, _logger);
        writer.Start();
        statements.Start();
        MySqlStoreLog.Opened(_logger, _database, MySqlSchema.LatestVersion, _writers, _statementConnections);
        return new OpenStore(writer, statements);
    }

    /// <summary>Runs a read on a statement worker's connection, once the schema is in place.</summary>
    private Task<T> RunReadAsync<T>(Func<MySqlConnection, T> work, CancellationToken cancellationToken)
        => RunAsync(work, retryable: true, cancellationToken);

    /// <summary>Runs a write that must not run twice on a statement worker's connection, once the schema is in place.</summary>
    private Task<T> RunWriteAsync<T>(Func<MySqlConnection, T> work, CancellationToken cancellationToken)
        => RunAsync(work, retryable: false, cancellationToken);

    private async Task<T> RunAsync<T>(Func<MySqlConnection, T> work, bool retryable, CancellationToken cancellationToken)
    {
        var open = await GetOpenAsync(cancellationToken).ConfigureAwait(false);
        return await open.Statements.EnqueueAsync(work, retryable, cancellationToken).ConfigureAwait(false);
    }

    private static MySqlCommand Command(MySqlConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void ValidateGrainId(GrainId grainId, string parameterName = "grainId")
    {
        GrainCommitValidation.ValidateGrainId(grainId, parameterName);
        CheckLengths(grainId, parameterName);
    }

    private static void CheckLengths(GrainId grainId, string parameterName)
    {
        MySqlValues.CheckLength(grainId.Type, MySqlLimits.GrainType, "grain type", parameterName);
        MySqlValues.CheckLength(grainId.Key, MySqlLimits.GrainKey, "grain key", parameterName);
    }
}
