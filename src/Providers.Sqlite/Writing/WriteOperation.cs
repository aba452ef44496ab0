namespace Shop.Providers.Sqlite.Writing;

/// <summary>
/// A unit of work queued for the single writer. It runs inside its own savepoint of a batch transaction
/// and keeps its outcome until the batch has committed: a caller must never be told "done" for a write
/// that a later failure of the same transaction could still undo.
/// </summary>
internal abstract class WriteOperation
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Canceled = 2;

    private int _state;

    /// <summary>Claims the operation for execution; false when its caller gave up while it was queued.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>Runs the work. Throwing <see cref="Orleans.Storage.InconsistentStateException"/> rolls back only this operation.</summary>
    public abstract void Execute(WriteContext context);

    /// <summary>Reports the result of the last <see cref="Execute"/>; called only after COMMIT returned.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);

    /// <summary>Only an operation nobody has started yet may be canceled: once taken its outcome is reported truthfully.</summary>
    protected bool TryCancel() => Interlocked.CompareExchange(ref _state, Canceled, Queued) == Queued;
}
