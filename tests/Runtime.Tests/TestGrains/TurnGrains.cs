namespace Shop.Runtime.Tests.TestGrains;

public interface ITurnProbeGrain : IGrainWithStringKey
{
    /// <summary>Increments a counter with a read, several awaits and a write; reports overlapping turns.</summary>
    Task<int> IncrementSlowlyAsync(int steps);

    Task<int> GetCountAsync();

    Task<int> GetOverlapsAsync();
}

/// <summary>
/// Mutates unsynchronized state across awaits. Lost updates or an observed overlap mean two pieces of
/// its code ran at the same moment, which the scheduler must never allow.
/// </summary>
public class TurnProbeGrainBase : Grain
{
    private int _count;
    private int _inside;
    private int _overlaps;

    public async Task<int> IncrementSlowlyAsync(int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            if (Interlocked.Increment(ref _inside) > 1)
            {
                _overlaps++;
            }

            var read = _count;
            Thread.SpinWait(500);
            _count = read + 1;
            Interlocked.Decrement(ref _inside);
            await Task.Delay(1);
        }

        return _count;
    }

    public Task<int> GetCountAsync() => Task.FromResult(_count);

    public Task<int> GetOverlapsAsync() => Task.FromResult(_overlaps);
}

public interface INonReentrantTurnProbeGrain : ITurnProbeGrain;

public sealed class TurnProbeGrain : TurnProbeGrainBase, INonReentrantTurnProbeGrain;

public interface IReentrantTurnProbeGrain : ITurnProbeGrain;

[Reentrant]
public sealed class ReentrantTurnProbeGrain : TurnProbeGrainBase, IReentrantTurnProbeGrain;

public interface IGateGrain : IGrainWithStringKey
{
    /// <summary>Waits until <see cref="OpenAsync"/> is called, then returns how many requests ran meanwhile.</summary>
    Task<int> WaitForOpenAsync();

    Task OpenAsync();

    [AlwaysInterleave]
    Task OpenInterleavedAsync();
}

/// <summary>A gate: a waiter holds its turn until someone opens it, and counts who ran meanwhile.</summary>
public class GateGrainBase : Grain
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _ranWhileWaiting;
    private bool _waiting;

    public async Task<int> WaitForOpenAsync()
    {
        _waiting = true;
        await _gate.Task;
        _waiting = false;
        return _ranWhileWaiting;
    }

    public Task OpenAsync()
    {
        if (_waiting)
        {
            _ranWhileWaiting++;
        }

        _gate.TrySetResult();
        return Task.CompletedTask;
    }

    public Task OpenInterleavedAsync() => OpenAsync();
}

public interface INonReentrantGateGrain : IGateGrain;

/// <summary>Non-reentrant: only an [AlwaysInterleave] call can open the gate while a waiter holds the turn.</summary>
public sealed class GateGrain : GateGrainBase, INonReentrantGateGrain;

public interface IReentrantGateGrain : IGateGrain;

[Reentrant]
public sealed class ReentrantGateGrain : GateGrainBase, IReentrantGateGrain;

public interface ICycleGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="next"/>, which calls back into this grain.</summary>
    Task<string> CallAsync(ICycleGrain next, ICycleGrain back);

    Task<string> EchoAsync();
}

public sealed class CycleGrain : Grain, ICycleGrain
{
    public Task<string> CallAsync(ICycleGrain next, ICycleGrain back) => next.CallAsync(back, back);

    public Task<string> EchoAsync() => Task.FromResult(GetPrimaryKeyString());
}

public interface ISlowGrain : IGrainWithStringKey
{
    Task<int> DelayAsync(int milliseconds);

    [ResponseTimeout("00:00:00.300")]
    Task<int> DelayWithShortTimeoutAsync(int milliseconds);
}

public sealed class SlowGrain : Grain, ISlowGrain
{
    public async Task<int> DelayAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return milliseconds;
    }

    public Task<int> DelayWithShortTimeoutAsync(int milliseconds) => DelayAsync(milliseconds);
}
