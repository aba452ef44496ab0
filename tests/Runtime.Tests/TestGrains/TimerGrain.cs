using Shop.Runtime.Timers;

namespace Shop.Runtime.Tests.TestGrains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(int periodMs, int callbackMs);

    Task<TimerReport> GetReportAsync();

    Task LeaveAsync();
}

public sealed record TimerReport(int Ticks, int MaxConcurrentTicks);

/// <summary>A timer whose callback takes longer than its period: ticks must still never overlap.</summary>
public sealed class TimerGrain : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private int _running;
    private int _maxRunning;

    public Task StartAsync(int periodMs, int callbackMs)
    {
        _timer = RegisterGrainTimer(
            async ct =>
            {
                _maxRunning = Math.Max(_maxRunning, Interlocked.Increment(ref _running));
                await Task.Delay(callbackMs, ct);
                Interlocked.Decrement(ref _running);
                _ticks++;
                ProbeLog.Record(GetPrimaryKeyString(), "tick");
            },
            new GrainTimerCreationOptions(TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs)) { Interleave = true });
        return Task.CompletedTask;
    }

    public Task<TimerReport> GetReportAsync() => Task.FromResult(new TimerReport(_ticks, _maxRunning));

    public Task LeaveAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
