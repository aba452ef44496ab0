using System.Collections.Concurrent;
using Shop.Runtime.Activation;

namespace Shop.Runtime.Scheduling;

/// <summary>
/// Runs the tasks of one activation one at a time, in order, on the thread pool (the role of Orleans'
/// activation task scheduler). Grain code started on it keeps coming back to it after each await,
/// because await resumes on <see cref="TaskScheduler.Current"/>; that is what makes grain state safe
/// without locks, reentrant grains included.
/// </summary>
internal sealed class ActivationTaskScheduler(ActivationData activation) : TaskScheduler, IThreadPoolWorkItem
{
    // Upper bound on work items run per thread-pool visit, so one busy activation cannot hog a thread.
    private const int MaxWorkItemsPerVisit = 64;

    [ThreadStatic]
    private static ActivationTaskScheduler? t_running;

    [ThreadStatic]
    private static bool t_startingUrgent;

    private readonly ConcurrentQueue<Task> _queue = new();
    private readonly ConcurrentQueue<Task> _urgent = new();
    private int _scheduled;

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>
    /// Runs <paramref name="continuation"/> on this activation before the tasks already queued: the
    /// runtime's own bookkeeping (a finished journal commit) must not wait behind a crowd of requests
    /// that are themselves waiting for it.
    /// </summary>
    public void RunUrgently(Action continuation)
    {
        var task = new Task(continuation);
        t_startingUrgent = true;
        try
        {
            task.Start(this);
        }
        finally
        {
            t_startingUrgent = false;
        }
    }

    protected override void QueueTask(Task task)
    {
        (t_startingUrgent ? _urgent : _queue).Enqueue(task);
        ScheduleIfIdle();
    }

    // Inlining is safe only when this scheduler is already the one running on this thread.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        ReferenceEquals(t_running, this) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _urgent, .. _queue];

    void IThreadPoolWorkItem.Execute()
    {
        var previousScheduler = t_running;
        var previousActivation = RuntimeContext.Swap(activation);
        t_running = this;
        try
        {
            for (var i = 0; i < MaxWorkItemsPerVisit && (_urgent.TryDequeue(out var task) || _queue.TryDequeue(out task)); i++)
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            t_running = previousScheduler;
            RuntimeContext.Swap(previousActivation);

            // A full fence: the store of 0 must not pass the emptiness check below, or a task queued
            // in between (whose CompareExchange still saw 1) would never be scheduled.
            Interlocked.Exchange(ref _scheduled, 0);
        }

        if (!_queue.IsEmpty || !_urgent.IsEmpty)
        {
            ScheduleIfIdle();
        }
    }

    private void ScheduleIfIdle()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
