using Shop.Runtime.Scheduling;

namespace Shop.Runtime.Tests;

public sealed class ActivationTaskSchedulerTests
{
    [Fact]
    public async Task An_urgent_continuation_runs_before_the_tasks_already_queued_and_never_alongside_them()
    {
        var scheduler = new ActivationTaskScheduler(null!);
        var order = new List<string>();
        var running = 0;
        var overlapped = false;
        void Turn(string name)
        {
            overlapped |= Interlocked.Increment(ref running) != 1;
            order.Add(name);
            Thread.Sleep(1);
            Interlocked.Decrement(ref running);
        }

        using var gate = new ManualResetEventSlim();
        var blocker = Start(scheduler, () => gate.Wait(TimeSpan.FromSeconds(30)));
        var queued = Enumerable.Range(0, 5).Select(i => Start(scheduler, () => Turn($"queued-{i}"))).ToArray();
        var urgent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.RunUrgently(() =>
        {
            Turn("urgent");
            urgent.SetResult();
        });
        gate.Set();

        await Task.WhenAll([blocker, urgent.Task, .. queued]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["urgent", "queued-0", "queued-1", "queued-2", "queued-3", "queued-4"], order);
        Assert.False(overlapped);
    }

    private static Task Start(TaskScheduler scheduler, Action action)
        => Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);
}
