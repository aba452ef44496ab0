namespace Shop.Providers.Sqlite.Writing;

/// <inheritdoc cref="WriteOperation"/>
internal sealed class WriteOperation<T> : WriteOperation
{
    private readonly Func<WriteContext, T> _work;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;
    private T? _result;

    public WriteOperation(Func<WriteContext, T> work, CancellationToken cancellationToken)
    {
        _work = work;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((WriteOperation<T>)state!).OnCanceled(token),
                this);
        }
    }

    public Task<T> Task => _completion.Task;

    public override void Execute(WriteContext context) => _result = _work(context);

    public override void Complete()
    {
        _registration.Dispose();
        _completion.TrySetResult(_result!);
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
