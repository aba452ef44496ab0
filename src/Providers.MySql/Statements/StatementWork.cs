using MySql.Data.MySqlClient;

namespace Shop.Providers.MySql.Statements;

/// <summary>A read or single-statement write queued for a statement worker.</summary>
internal abstract class StatementWork
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Canceled = 2;

    private int _state;

    protected StatementWork(bool retryable)
    {
        Retryable = retryable;
    }

    /// <summary>
    /// Whether running the work twice is harmless (reads): it is then run again on a fresh connection
    /// when its connection turns out dead, instead of failing the caller.
    /// </summary>
    public bool Retryable { get; }

    /// <summary>Claims the work for execution; false when its caller gave up while it was queued.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>Runs the work on the worker's connection and reports its outcome.</summary>
    public abstract void Execute(MySqlConnection connection);

    public abstract void Fail(Exception exception);

    /// <summary>Only work nobody has started may be canceled: once taken, its outcome is reported truthfully.</summary>
    protected bool TryCancel() => Interlocked.CompareExchange(ref _state, Canceled, Queued) == Queued;
}
