using Shop.Grains.ReadModels;

namespace Shop.ReadModels.Common;

/// <summary>
/// One <see cref="ICatalogReadModel.ApplyAsync"/> call waiting for, or taking part in, a group commit. Its task
/// completes only after the transaction holding its changes has committed (or failed): a caller must never hear
/// "done" for changes that a later failure of the same transaction could still undo.
/// </summary>
internal sealed class PendingApply
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Canceled = 2;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;
    private int _state;

    public PendingApply(IReadOnlyList<CatalogChange> changes, CancellationToken cancellationToken)
    {
        Changes = changes;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingApply)state!).OnCanceled(token),
                this);
        }
    }

    public IReadOnlyList<CatalogChange> Changes { get; }

    public Task Task => _completion.Task;

    /// <summary>Claims the call for a batch; false when its caller gave up while it was still queued.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    public void Complete()
    {
        _registration.Dispose();
        _completion.TrySetResult();
    }

    public void Fail(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetException(exception);
    }

    private void OnCanceled(CancellationToken token)
    {
        // Only a call nobody has started may be canceled: once in a transaction, its outcome is reported truthfully.
        if (Interlocked.CompareExchange(ref _state, Canceled, Queued) == Queued)
        {
            _completion.TrySetCanceled(token);
        }
    }
}
