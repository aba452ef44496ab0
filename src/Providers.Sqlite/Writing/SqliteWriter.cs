using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Shop.Providers.Sqlite.Writing;

/// <summary>
/// The only code that writes to the database file. SQLite admits one writer at a time, so instead of
/// letting callers queue on its lock, one dedicated thread drains a queue of operations and runs as
/// many as are waiting in one transaction (group commit): the fsync that makes a transaction durable
/// is by far the slowest part of a write, and this way concurrent grains share it.
/// </summary>
internal sealed class SqliteWriter
{
    private const string Savepoint = "op";

    private readonly WriteContext _context;
    private readonly int _maxBatchSize;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private long _committedBatches;

    public SqliteWriter(SqliteConnection connection, int maxBatchSize, TimeProvider timeProvider, ILogger logger)
    {
        _context = new WriteContext(connection);
        _maxBatchSize = maxBatchSize;
        _timeProvider = timeProvider;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-writer" };
    }

    /// <summary>How many write transactions have committed (for tests and diagnostics).</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    public void Start() => _thread.Start();

    public Task<T> EnqueueAsync<T>(Func<WriteContext, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var operation = new WriteOperation<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteStore), "The SQLite store has been disposed.");
        }

        return operation.Task;
    }

    /// <summary>Stops taking new work, finishes what is queued, closes the connection.</summary>
    public Task StopAsync()
    {
        _queue.Writer.TryComplete();
        return _stopped.Task;
    }

    private void Run()
    {
        var batch = new List<WriteOperation>(Math.Min(_maxBatchSize, 1024));
        try
        {
            while (WaitForWork())
            {
                // No timer and no waiting for company: whatever queued up while the previous batch was
                // syncing forms the next batch, so a lone caller pays no added latency.
                while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var operation))
                {
                    if (operation.TryTake())
                    {
                        batch.Add(operation);
                    }
                }

                if (batch.Count > 0)
                {
                    ExecuteBatch(batch);
                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            // Not expected: ExecuteBatch reports its own failures. Fail everything rather than leave callers hanging.
            SqliteStoreLog.WriterStopped(_logger, exception);
            _queue.Writer.TryComplete();
            foreach (var operation in batch)
            {
                operation.Fail(exception);
            }

            while (_queue.Reader.TryRead(out var operation))
            {
                if (operation.TryTake())
                {
                    operation.Fail(exception);
                }
            }
        }
        finally
        {
            var connection = _context.Connection;
            _context.Dispose();
            connection.Dispose();
            _stopped.TrySetResult();
        }
    }

    private bool WaitForWork()
    {
        var wait = _queue.Reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void ExecuteBatch(List<WriteOperation> batch)
    {
        _context.NowUnixMs = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            _context.Execute("BEGIN IMMEDIATE;");
        }
        catch (Exception exception)
        {
            SqliteStoreLog.TransactionFailed(_logger, batch.Count, exception);
            foreach (var operation in batch)
            {
                operation.Fail(exception);
            }

            return;
        }

        var outcomes = new Exception?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                _context.Execute("SAVEPOINT " + Savepoint + ";");
                try
                {
                    batch[i].Execute(_context);
                }
                catch (InconsistentStateException conflict)
                {
                    _context.Execute("ROLLBACK TO " + Savepoint + ";");
                    outcomes[i] = conflict;
                }

                _context.Execute("RELEASE " + Savepoint + ";");
            }
            catch (Exception exception)
            {
                TryRollback();
                if (batch.Count == 1)
                {
                    SqliteStoreLog.OperationFailed(_logger, exception);
                    batch[0].Fail(exception);
                    return;
                }

                // An error that is not a conflict (I/O, a full disk, a bug) may have ended the whole
                // transaction, so nothing of it can be trusted. Running the operations one per
                // transaction again confines the failure to the caller that causes it.
                SqliteStoreLog.BatchRetriedSingly(_logger, batch.Count, exception);
                foreach (var operation in batch)
                {
                    ExecuteBatch([operation]);
                }

                return;
            }
        }

        try
        {
            _context.Execute("COMMIT;");
        }
        catch (Exception exception)
        {
            TryRollback();
            SqliteStoreLog.TransactionFailed(_logger, batch.Count, exception);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Fail(outcomes[i] ?? exception);
            }

            return;
        }

        Interlocked.Increment(ref _committedBatches);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } conflict)
            {
                batch[i].Fail(conflict);
            }
            else
            {
                batch[i].Complete();
            }
        }
    }

    private void TryRollback()
    {
        try
        {
            _context.Execute("ROLLBACK;");
        }
        catch (SqliteException)
        {
            // SQLite rolls back by itself after some errors; then there is no transaction left to end.
        }
    }
}
