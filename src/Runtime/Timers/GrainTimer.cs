using Shop.Runtime.Activation;
using Shop.Runtime.Diagnostics;

namespace Shop.Runtime.Timers;

/// <summary>
/// A timer owned by an activation. The underlying timer is one-shot and re-armed only after the tick's
/// callback has completed, so ticks never overlap.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly GrainTimerCreationOptions _options;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Timer _timer;
    private TimeSpan _dueTime;
    private TimeSpan _period;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        _activation = activation;
        _callback = callback;
        _options = options;
        _dueTime = options.DueTime;
        _period = options.Period;
        _timer = new Timer(static s => ((GrainTimer)s!).OnDue(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public void Start() => Arm(_dueTime);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        _period = period;
        Arm(dueTime);
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    internal async Task<object?> InvokeCallbackAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return null;
        }

        try
        {
            await _callback(_disposed.Token);
        }
        catch (Exception exception) when (!_disposed.IsCancellationRequested)
        {
            RuntimeLog.TimerCallbackFailed(_activation.Runtime.Logger, exception, _activation.GrainId);
        }

        return null;
    }

    private void OnDue()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        var tick = new TimerTickRequest(this, _options.Interleave, _options.KeepAlive);
        if (!_activation.TryAccept(tick))
        {
            Dispose();
            return;
        }

        tick.Completion.ContinueWith(static (_, s) => ((GrainTimer)s!).OnTickCompleted(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnTickCompleted()
    {
        if (_period != Timeout.InfiniteTimeSpan)
        {
            Arm(_period);
        }
    }

    private void Arm(TimeSpan dueTime)
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        try
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently with the activation's deactivation.
        }
    }
}
