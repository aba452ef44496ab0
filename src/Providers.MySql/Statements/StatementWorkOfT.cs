using MySql.Data.MySqlClient;

namespace Shop.Providers.MySql.Statements;

/// <inheritdoc cref="StatementWork"/>
internal sealed class StatementWork<T> : StatementWork
{
    private readonly Func<MySqlConnection, T> _work;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;

    public StatementWork(Func<MySqlConnection, T> work, bool retryable, CancellationToken cancellationToken)
        : base(retryable)
    {
        _work = work;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((StatementWork<T>)state!).OnCanceled(token),
                this);
        }
    }

    public Task<T> Task => _completion.Task;

    /// <remarks>Exceptions propagate to the worker, which decides whether the connection survived them.</remarks>
    public override void Execute(MySqlConnection connection)
    {
        var result = _work(connection);
        _registration.Dispose();
        _completion.TrySetResult(result);
    }

    public override void Fail(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetException(exception);
    }

    private void OnCanceled(CancellationToken token)
    {
        if (TryCancel())
        {
            _completion.TrySetCanceled(token);
        }
    }
}
