namespace Shop.Runtime.Streams;

/// <summary>
/// Wakes the pulling agents of a queue as soon as events are committed to it, so delivery does not wait
/// for a polling interval. An agent takes its wait task before reading, so a wake-up between its read
/// and its wait is never lost.
/// </summary>
internal sealed class StreamQueueSignals
{
    private readonly object _lock = new();
    private readonly Dictionary<int, TaskCompletionSource> _signals = [];

    public Task WaitTask(int queue)
    {
        lock (_lock)
        {
            return Signal(queue).Task;
        }
    }

    public void Wake(int queue)
    {
        TaskCompletionSource fired;
        lock (_lock)
        {
            fired = Signal(queue);
            _signals[queue] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }

    private TaskCompletionSource Signal(int queue)
    {
        if (!_signals.TryGetValue(queue, out var signal))
        {
            _signals[queue] = signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return signal;
    }
}
