using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MySql.Data.MySqlClient;

namespace Shop.Providers.MySql.Statements;

/// <summary>
/// A few threads, each with a connection of its own, that run the store's reads and single-statement
/// writes (checkpoints, dead letters, reminders, trimming) for callers who only ever await a task.
/// </summary>
/// <remarks>
/// MySql.Data 8.0 blocks in all its "async" methods, and opening a connection waits for a continuation
/// that needs a thread-pool thread. Run on callers' threads, a burst of reads blocks the pool, new
/// connections then cannot complete their handshake, and everything stalls until connect timeouts
/// (seen on two cores with sixteen concurrent callers). Dedicated threads keep the pool free, and
/// dedicated connections skip the pool's ping on every open. The number of threads is also the most
/// statements the store has in flight at once: callers beyond that queue here, not on the server.
/// </remarks>
internal sealed class StatementWorkers
{
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly Channel<StatementWork> _queue = Channel.CreateUnbounded<StatementWork>(
        new UnboundedChannelOptions { AllowSynchronousContinuations = false });
    private readonly Thread[] _threads;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;

    public StatementWorkers(string connectionString, int count, ILogger logger)
    {
        _connectionString = connectionString;
        _logger = logger;
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"mysql-statements-{i}" };
        }
    }

    public void Start()
    {
        _running = _threads.Length;
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <param name="retryable">Whether the work may run twice (see <see cref="StatementWork.Retryable"/>).</param>
    public Task<T> EnqueueAsync<T>(Func<MySqlConnection, T> work, bool retryable, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var item = new StatementWork<T>(work, retryable, cancellationToken);
        if (!_queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(MySqlStore), "The MySQL store has been disposed.");
        }

        return item.Task;
    }

    /// <summary>Stops taking work, finishes what is queued, closes the connections.</summary>
    public Task StopAsync()
    {
        _queue.Writer.TryComplete();
        return _stopped.Task;
    }

    private void Run()
    {
        MySqlConnection? connection = null;
        var lastUsed = 0L;
        try
        {
            while (WaitForWork())
            {
                while (_queue.Reader.TryRead(out var item))
                {
                    if (!item.TryTake())
                    {
                        continue;
                    }

                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            if (connection is not null
                                && Environment.TickCount64 - lastUsed > (long)ConnectionHealth.IdleCheck.TotalMilliseconds
                                && !ConnectionHealth.IsUsable(connection))
                            {
                                connection.Dispose();
                                connection = null;
                            }

                            connection ??= Open();
                            item.Execute(connection);
                            break;
                        }
                        catch (Exception exception)
                        {
                            var dead = connection is not null && !ConnectionHealth.IsUsable(connection);
                            if (dead)
                            {
                                connection!.Dispose();
                                connection = null;
                            }

                            if (!(dead && item.Retryable && attempt == 1))
                            {
                                item.Fail(exception);
                                break;
                            }
                        }
                    }

                    lastUsed = Environment.TickCount64;
                }
            }
        }
        catch (Exception exception)
        {
            // Not expected: work reports its own failures. Fail everything rather than leave callers hanging.
            MySqlStoreLog.WorkerStopped(_logger, exception);
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var item))
            {
                if (item.TryTake())
                {
                    item.Fail(exception);
                }
            }
        }
        finally
        {
            connection?.Dispose();
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

    private MySqlConnection Open()
    {
        var connection = new MySqlConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = MySqlSql.CharacterSetResults;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
