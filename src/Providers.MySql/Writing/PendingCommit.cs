using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.Providers.MySql.Writing;

/// <summary>
/// A <see cref="GrainCommit"/> waiting for, or taking part in, a group commit. Its outcome is kept until
/// the batch transaction has committed: a caller must never hear "done" for a write that a later failure
/// of the same transaction could still undo.
/// </summary>
internal sealed class PendingCommit
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Canceled = 2;

    private readonly TaskCompletionSource<CommitResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;
    private int _state;

    public PendingCommit(GrainCommit commit, CancellationToken cancellationToken)
    {
        Commit = commit;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingCommit)state!).OnCanceled(token),
                this);
        }
    }

    public GrainCommit Commit { get; }

    public Task<CommitResult> Task => _completion.Task;

    /// <summary>The result of the current attempt, once this commit's changes are in the transaction.</summary>
    public CommitResult? Result { get; private set; }

    /// <summary>The conflict of the current attempt; this commit's changes were rolled back to its savepoint.</summary>
    public InconsistentStateException? Conflict { get; private set; }

    public bool HasOutcome => Result is not null || Conflict is not null;

    /// <summary>Claims the commit for execution; false when its caller gave up while it was queued.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    public void Succeeded(CommitResult result) => Result = result;

    public void Conflicted(InconsistentStateException conflict) => Conflict = conflict;

    /// <summary>Forgets the outcome of an attempt whose transaction was rolled back, before running it again.</summary>
    public void Reset()
    {
        Result = null;
        Conflict = null;
    }

    /// <summary>Reports the outcome of the attempt; called only after COMMIT returned.</summary>
    public void Complete()
    {
        _registration.Dispose();
        if (Conflict is not null)
        {
            _completion.TrySetException(Conflict);
        }
        else
        {
            _completion.TrySetResult(Result ?? throw new InvalidOperationException("A commit was completed without an outcome."));
        }
    }

    public void Fail(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetException(exception);
    }

    private void OnCanceled(CancellationToken token)
    {
        // Only a commit nobody has started may be canceled: once taken, its outcome is reported truthfully.
        if (Interlocked.CompareExchange(ref _state, Canceled, Queued) == Queued)
        {
            _completion.TrySetCanceled(token);
        }
    }
}
