namespace Shop.Providers.MySql.Writing;

/// <summary>
/// A <see cref="WriteOperation"/> waiting for, or taking part in, a group commit. Its outcome is kept until
/// the batch transaction has committed: a caller must never hear "done" for a write that a later failure
/// of the same transaction could still undo.
/// </summary>
internal sealed class PendingWrite
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Canceled = 2;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;
    private int _state;

    public PendingWrite(WriteOperation operation, CancellationToken cancellationToken)
    {
        Operation = operation;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingWrite)state!).OnCanceled(token),
                this);
        }
    }

    public WriteOperation Operation { get; }

    public Task Task => _completion.Task;

    /// <summary>Whether the current attempt's check found a version mismatch.</summary>
    public bool Conflicted { get; private set; }

    /// <summary>The conflict of the current attempt, once described.</summary>
    public Exception? Conflict { get; private set; }

    /// <summary>Claims the write for execution; false when its caller gave up while it was queued.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    public void MarkConflicted() => Conflicted = true;

    public void SetConflict(Exception conflict) => Conflict = conflict;

    /// <summary>Forgets the outcome of an attempt whose transaction was rolled back, before running it again.</summary>
    public void Reset()
    {
        Conflicted = false;
        Conflict = null;
    }

    /// <summary>Reports the outcome of the attempt; called only after COMMIT returned.</summary>
    public void Complete()
    {
        _registration.Dispose();
        if (Conflicted)
        {
            _completion.TrySetException(Conflict ?? new InvalidOperationException("A conflicting write was completed without a description."));
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    public void Fail(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetException(exception);
    }

    private void OnCanceled(CancellationToken token)
    {
        // Only a write nobody has started may be canceled: once taken, its outcome is reported truthfully.
        if (Interlocked.CompareExchange(ref _state, Canceled, Queued) == Queued)
        {
            _completion.TrySetCanceled(token);
        }
    }
}
