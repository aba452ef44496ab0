using System.Runtime.CompilerServices;

namespace Shop.Runtime.Scheduling;

/// <summary>
/// Awaiting it continues on an activation ahead of the tasks already queued there (see
/// <see cref="ActivationTaskScheduler.RunUrgently"/>).
/// </summary>
internal readonly struct UrgentResumption(ActivationTaskScheduler scheduler) : ICriticalNotifyCompletion
{
    public bool IsCompleted => false;

    public UrgentResumption GetAwaiter() => this;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => scheduler.RunUrgently(continuation);

    public void UnsafeOnCompleted(Action continuation) => scheduler.RunUrgently(continuation);
}
