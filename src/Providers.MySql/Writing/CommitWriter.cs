using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Shop.Providers.MySql.Writing;

/// <summary>
/// Group commit: callers queue their writes here, and a few writer loops, each with its own connection,
/// run whatever has queued up in one transaction. With <c>innodb_flush_log_at_trx_commit=1</c> every
/// transaction waits for a redo-log flush; sharing that wait among concurrent grains is what lets
/// throughput grow with load instead of being one flush per write.
/// </summary>
/// <remarks>
/// There is no timer and no waiting for company: whatever queued while the previous transaction was
/// flushing forms the next batch, so a lone caller pays no added latency. MySqlConnector is truly
/// asynchronous, so the loops hold no thread while they wait on the server.
/// </remarks>
internal sealed class CommitWriter
{
    private const int MaxAttempts = 5;

    private readonly string _connectionString;
    private readonly int _maxBatchSize;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task[] _loops;
    private long _committedBatches;
    private long _committedWrites;
    private long _retriedBatches;
    private long _splitBatches;

    public CommitWriter(string connectionString, int writers, int maxBatchSize, TimeProvider timeProvider, ILogger logger)
    {
        _connectionString = connectionString;
        _maxBatchSize = maxBatchSize;
        _timeProvider = timeProvider;
        _logger = logger;
        _queue = Channel.CreateUnbounded<PendingWrite>(
            new UnboundedChannelOptions { SingleReader = writers == 1, AllowSynchronousContinuations = false });
        _loops = new Task[writers];
    }

    /// <summary>How many transactions the writers have committed (for tests and diagnostics).</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>How many writes those transactions held.</summary>
    public long CommittedWrites => Interlocked.Read(ref _committedWrites);

    /// <summary>How many transactions were run again after a deadlock, a lock wait timeout or a dead connection.</summary>
    public long RetriedBatches => Interlocked.Read(ref _retriedBatches);

    /// <summary>How many batches failed on an error that was neither a conflict nor transient and were run again one write per transaction.</summary>
    public long SplitBatches => Interlocked.Read(ref _splitBatches);

    public void Start()
    {
        for (var i = 0; i < _loops.Length; i++)
        {
            _loops[i] = Task.Run(RunAsync);
        }
    }

    public Task EnqueueAsync(WriteOperation operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite(operation, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(MySqlStore), "The MySQL store has been disposed.");
        }

        return pending.Task;
    }

    /// <summary>Stops taking writes, finishes the queued ones, closes the connections.</summary>
    public Task StopAsync()
    {
        _queue.Writer.TryComplete();
        return Task.WhenAll(_loops.Where(loop => loop is not null));
    }

    private async Task RunAsync()
    {
        var session = new WriterSession(_connectionString);
        var batch = new List<PendingWrite>(Math.Min(_maxBatchSize, 1024));
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var pending))
                {
                    if (pending.TryTake())
                    {
                        batch.Add(pending);
                    }
                }

                if (batch.Count > 0)
                {
                    await ExecuteBatchAsync(session, batch).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            // Not expected: ExecuteBatchAsync reports its own failures. Fail everything rather than leave callers hanging.
            MySqlStoreLog.WriterStopped(_logger, exception);
            _queue.Writer.TryComplete();
            FailAll(batch, exception);
            while (_queue.Reader.TryRead(out var pending))
            {
                if (pending.TryTake())
                {
                    pending.Fail(exception);
                }
            }
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ExecuteBatchAsync(WriterSession session, List<PendingWrite> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            foreach (var pending in batch)
            {
                pending.Reset();
            }

            try
            {
                await session.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // No connection, so nothing ran; running the writes one by one would only fail slower.
                MySqlStoreLog.TransactionFailed(_logger, batch.Count, exception);
                FailAll(batch, exception);
                return;
            }

            Exception failure;
            try
            {
                await session.RunAsync(batch, MySqlValues.ToColumn(_timeProvider.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
                Interlocked.Increment(ref _committedBatches);
                Interlocked.Add(ref _committedWrites, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Complete();
                }

                return;
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            if (session.CommitSent)
            {
                // COMMIT itself failed, so it is unknown whether the transaction made it: report the error,
                // never a retry that could apply it twice.
                await session.CloseAsync().ConfigureAwait(false);
                MySqlStoreLog.TransactionFailed(_logger, batch.Count, failure);
                FailAll(batch, failure);
                return;
            }

            // Before COMMIT nothing can have committed, so running the batch again is safe when it may help:
            // after a deadlock (InnoDB rolled it all back) or a lock wait timeout, and once after the
            // connection turned out dead (a server restart, a session the server killed or dropped).
            var transient = MySqlErrors.IsTransient(failure);
            if ((transient && attempt < MaxAttempts) || (!transient && attempt == 1 && !await session.IsHealthyAsync().ConfigureAwait(false)))
            {
                await session.RollbackAsync().ConfigureAwait(false);
                Interlocked.Increment(ref _retriedBatches);
                MySqlStoreLog.BatchRetried(_logger, batch.Count, attempt, failure);
                if (transient)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt))).ConfigureAwait(false);
                }

                continue;
            }

            await session.CloseAsync().ConfigureAwait(false);
            if (batch.Count > 1)
            {
                // Not a conflict and nothing a retry cures: nothing of the transaction committed. Running the
                // writes one per transaction confines the failure to the caller that causes it (a value the
                // server refuses, say) instead of failing the whole batch.
                Interlocked.Increment(ref _splitBatches);
                MySqlStoreLog.BatchRetriedSingly(_logger, batch.Count, failure);
                foreach (var pending in batch)
                {
                    await ExecuteBatchAsync(session, [pending]).ConfigureAwait(false);
                }

                return;
            }

            MySqlStoreLog.TransactionFailed(_logger, batch.Count, failure);
            FailAll(batch, failure);
            return;
        }
    }

    private static void FailAll(List<PendingWrite> batch, Exception exception)
    {
        foreach (var pending in batch)
        {
            pending.Fail(exception);
        }
    }
}
