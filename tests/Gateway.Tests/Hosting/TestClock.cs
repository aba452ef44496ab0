namespace Shop.Gateway.Tests.Hosting;

/// <summary>
/// The system clock plus an offset that a test moves forward (<see cref="Advance"/>): "now" jumps, while timers and
/// timestamps for measuring intervals keep running in real time, so nothing waits and nothing hangs.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
