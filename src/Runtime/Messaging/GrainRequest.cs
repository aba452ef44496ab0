namespace Shop.Runtime.Messaging;

/// <summary>
/// A unit of work addressed to an activation: a grain call, a timer tick, a reminder or a stream event.
/// </summary>
internal abstract class GrainRequest
{
    private readonly TaskCompletionSource<object?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected GrainRequest(bool interleave, bool keepAlive, long deadlineTimestamp)
    {
        Interleave = interleave;
        KeepAlive = keepAlive;
        DeadlineTimestamp = deadlineTimestamp;
    }

    /// <summary>May run while another request of a non-reentrant activation is awaiting.</summary>
    public bool Interleave { get; }

    /// <summary>Counts as activity for activation collection.</summary>
    public bool KeepAlive { get; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp after which the caller no longer waits; long.MaxValue for none.</summary>
    public long DeadlineTimestamp { get; }

    public Task<object?> Completion => _completion.Task;

    /// <summary>Names the request in logs and metrics.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Whether a request still waiting when its activation deactivates goes to the next activation
    /// (calls, reminders, stream events) or is dropped (timer ticks, which belong to the old one).
    /// </summary>
    public virtual bool ForwardOnDeactivation => true;

    public abstract Task<object?> InvokeAsync(object grain, CancellationToken cancellationToken);

    public void Complete(object? result) => _completion.TrySetResult(result);

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public bool IsExpired(long nowTimestamp) => nowTimestamp > DeadlineTimestamp;

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp <paramref name="timeout"/> from now.</summary>
    public static long TimestampAfter(TimeSpan timeout) =>
        System.Diagnostics.Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
}
