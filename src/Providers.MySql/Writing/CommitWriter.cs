using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Shop.Runtime.Storage;

namespace Shop.Providers.MySql.Writing;

/// <summary>
/// Group commit: callers of <see cref="IGrainStorage.CommitAsync"/> queue their commits here, and a few
/// writer threads, each with its own connection, run whatever has queued up in one transaction. With
/// <c>innodb_flush_log_at_trx_commit=1</c> every transaction waits for a redo-log flush; sharing that
/// wait among concurrent grains is what lets throughput grow with load instead of being one flush per commit.
/// </summary>
/// <remarks>
/// MySql.Data's "async" methods block, so the writers are dedicated threads and callers only ever wait
/// on a task. There is no timer and no waiting for company: whatever queued while the previous
/// transaction was flushing forms the next batch, so a lone caller pays no added latency.
/// </remarks>
internal sealed class CommitWriter
{
    private const int MaxAttempts = 5;

    private readonly string _connectionString;
    private readonly int _maxBatchSize;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<PendingCommit> _queue;
    private readonly Thread[] _threads;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private long _committedBatches;
    private long _retriedBatches;

    public CommitWriter(string connectionString, int writers, int maxBatchSize, TimeProvider timeProvider, ILogger logger)
    {
        _connectionString = connectionString;
        _maxBatchSize = maxBatchSize;
        _timeProvider = timeProvider;
        _logger = logger;
        _queue = Channel.CreateUnbounded<PendingCommit>(
            new UnboundedChannelOptions { SingleReader = writers == 1, AllowSynchronousContinuations = false });
        _threads = new Thread[writers];
        for (var i = 0; i < writers; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"mysql-writer-{i}" };
        }
    }

    /// <summary>How many transactions the writers have committed (for tests and diagnostics).</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>How many transactions were run again after a deadlock, a lock wait timeout or a dead connection.</summary>
    public long RetriedBatches => Interlocked.Read(ref _retriedBatches);

    public void Start()
    {
        _running = _threads.Length;
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public Task<CommitResult> EnqueueAsync(GrainCommit commit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingCommit(commit, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(MySqlStore), "The MySQL store has been disposed.");
        }

        return pending.Task;
    }

    /// <summary>Stops taking commits, finishes the queued ones, closes the connections.</summary>
    public Task StopAsync()
    {
        _queue.Writer.TryComplete();
        return _stopped.Task;
    }

    private void Run()
    {
        var session = new WriterSession(_connectionString);
        var batch = new List<PendingCommit>(Math.Min(_maxBatchSize, 1024));
        try
        {
            while (WaitForWork())
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
                    ExecuteBatch(session, batch);
                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            // Not expected: ExecuteBatch reports its own failures. Fail everything rather than leave callers hanging.
            MySqlStoreLog.WriterStopped(_logger, exception);
            _queue.Writer.TryComplete();
            foreach (var pending in batch)
            {
                pending.Fail(exception);
            }

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
            session.Dispose();
            if (Interlocked.Decrement(ref _running) == 0)
            {
                _stopped.TrySetResult();
            }
        }
    }

    private bool WaitForWork()
    {
        var wait = _queue.Reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void ExecuteBatch(WriterSession session, List<PendingCommit> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            foreach (var pending in batch)
            {
                pending.Reset();
            }

            try
            {
                session.Open();
            }
            catch (Exception exception)
            {
                // No connection, so nothing ran; running the commits one by one would only fail slower.
                MySqlStoreLog.TransactionFailed(_logger, batch.Count, exception);
                FailAll(batch, exception);
                return;
            }

            Exception failure;
            try
            {
                session.Run(batch, MySqlValues.ToColumn(_timeProvider.GetUtcNow()));
                Interlocked.Increment(ref _committedBatches);
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
                session.Close();
                MySqlStoreLog.TransactionFailed(_logger, batch.Count, failure);
                FailAll(batch, failure);
                return;
            }

            // Before COMMIT nothing can have committed, so running the batch again is safe when it may help:
            // after a deadlock (InnoDB rolled it all back) or a lock wait timeout, and once after the
            // connection turned out dead (a server restart, an idle session the server dropped).
            var transient = MySqlErrors.IsTransient(failure);
            if ((transient && attempt < MaxAttempts) || (!transient && attempt == 1 && !session.IsHealthy()))
            {
                session.Rollback();
                Interlocked.Increment(ref _retriedBatches);
                MySqlStoreLog.BatchRetried(_logger, batch.Count, attempt, failure);
                if (transient)
                {
                    Thread.Sleep(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)));
                }

                continue;
            }

            session.Close();
            if (batch.Count > 1)
            {
                // Not a conflict and nothing a retry cures: nothing of the transaction can be trusted, but
                // nothing of it committed either. Running the commits one per transaction confines the
                // failure to the caller that causes it (bad data, say) instead of failing the whole batch.
                MySqlStoreLog.BatchRetriedSingly(_logger, batch.Count, failure);
                foreach (var pending in batch)
                {
                    ExecuteBatch(session, [pending]);
                }

                return;
            }

            MySqlStoreLog.TransactionFailed(_logger, batch.Count, failure);
            FailAll(batch, failure);
            return;
        }
    }

    private static void FailAll(List<PendingCommit> batch, Exception exception)
    {
        foreach (var pending in batch)
        {
            pending.Fail(exception);
        }
    }
}
