namespace Shop.Runtime.Tests.TestGrains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<int> PingAsync();

    Task LeaveAsync();

    Task FailAsync(string message);

    Task<int> InstanceAsync();
}

/// <summary>Records its construction, activation and deactivation in <see cref="ProbeLog"/>.</summary>
public sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    private static int s_instances;
    private readonly int _instance = Interlocked.Increment(ref s_instances);
    private int _pings;

    public LifecycleGrain() => ProbeLog.Record(GetPrimaryKeyString(), "constructed");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ProbeLog.Record(GetPrimaryKeyString(), "activated");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ProbeLog.Record(GetPrimaryKeyString(), $"deactivated:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public async Task<int> PingAsync()
    {
        await Task.Yield();
        return ++_pings;
    }

    public Task LeaveAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task FailAsync(string message) => throw new InvalidOperationException(message);

    public Task<int> InstanceAsync() => Task.FromResult(_instance);
}

public interface IShortLivedGrain : IGrainWithStringKey
{
    Task PingAsync();
}

/// <summary>Collected after two seconds idle, by its own attribute.</summary>
[CollectionAgeLimit(Seconds = 2)]
public sealed class ShortLivedGrain : Grain, IShortLivedGrain
{
    public Task PingAsync()
    {
        ProbeLog.Record(GetPrimaryKeyString(), "ping");
        return Task.CompletedTask;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ProbeLog.Record(GetPrimaryKeyString(), "activated");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ProbeLog.Record(GetPrimaryKeyString(), $"deactivated:{reason.ReasonCode}");
        return Task.CompletedTask;
    }
}
