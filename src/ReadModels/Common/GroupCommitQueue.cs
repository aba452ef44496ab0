using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Shop.Grains.ReadModels;

namespace Shop.ReadModels.Common;

/// <summary>
/// Group commit for <see cref="ICatalogReadModel.ApplyAsync"/>: one projection grain per product calls it, so
/// thousands of small calls arrive at once. They queue here and one writer loop runs whatever has queued up (up to
/// a number of changes) in one transaction, then completes every call in it. A durable commit (fsync) costs the
/// same for one row as for thousands, so sharing it is what makes a bulk import go at tens of thousands of changes/s.
/// </summary>
/// <remarks>
/// There is no timer and no waiting for company: whatever queued while the previous transaction committed forms the
/// next batch, so a lone caller pays no added latency. When a batch fails, its calls run again one per transaction,
/// so that a failure is reported to the call that causes it instead of to everyone who shared the batch; applying a
/// change twice is harmless thanks to the version guard.
/// </remarks>
internal sealed class GroupCommitQueue : IAsyncDisposable
{
    private readonly Channel<PendingApply> _queue = Channel.CreateUnbounded<PendingApply>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly Func<IReadOnlyList<CatalogChange>, Task> _commit;
    private readonly int _maxBatchChanges;
    private readonly string _store;
    private readonly ILogger _logger;
    private Task? _loop;
    private long _committedBatches;

    /// <param name="commit">Applies the merged changes of a batch in one transaction; throws when nothing of it may be trusted to have committed.</param>
    public GroupCommitQueue(Func<IReadOnlyList<CatalogChange>, Task> commit, int maxBatchChanges, string store, ILogger logger)
    {
        _commit = commit;
        _maxBatchChanges = maxBatchChanges;
        _store = store;
        _logger = logger;
    }

    /// <summary>How many transactions the writer has committed (tests use it to see calls being coalesced).</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    public void Start() => _loop ??= Task.Run(RunAsync);

    public Task EnqueueAsync(IReadOnlyList<CatalogChange> changes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingApply(changes, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(_store + " catalog read model", "The catalog read model has been disposed.");
        }

        return pending.Task;
    }

    /// <summary>Stops taking calls and finishes the queued ones.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        else
        {
            // Never started (the store never opened): nothing will run what is queued.
            var disposed = new ObjectDisposedException(_store + " catalog read model", "The catalog read model was disposed before it opened.");
            while (_queue.Reader.TryRead(out var pending))
            {
                if (pending.TryTake())
                {
                    pending.Fail(disposed);
                }
            }
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingApply>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var changes = 0;
                while (changes < _maxBatchChanges && _queue.Reader.TryRead(out var pending))
                {
                    if (pending.TryTake())
                    {
                        batch.Add(pending);
                        changes += pending.Changes.Count;
                    }
                }

                if (batch.Count > 0)
                {
                    await CommitAsync(batch, changes).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            // Not expected: CommitAsync reports its own failures. Fail everything rather than leave callers hanging.
            CatalogReadModelLog.WriterStopped(_logger, _store, exception);
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
    }

    private async Task CommitAsync(List<PendingApply> batch, int changes)
    {
        try
        {
            await _commit(LatestChanges.Merge(batch.Select(static pending => pending.Changes))).ConfigureAwait(false);
            Interlocked.Increment(ref _committedBatches);
            foreach (var pending in batch)
            {
                pending.Complete();
            }

            return;
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            CatalogReadModelLog.BatchRetriedSingly(_logger, _store, batch.Count, changes, exception);
        }
        catch (Exception exception)
        {
            CatalogReadModelLog.CommitFailed(_logger, _store, changes, exception);
            batch[0].Fail(exception);
            return;
        }

        foreach (var pending in batch)
        {
            try
            {
                await _commit(LatestChanges.Merge([pending.Changes])).ConfigureAwait(false);
                Interlocked.Increment(ref _committedBatches);
                pending.Complete();
            }
            catch (Exception exception)
            {
                CatalogReadModelLog.CommitFailed(_logger, _store, pending.Changes.Count, exception);
                pending.Fail(exception);
            }
        }
    }
}
