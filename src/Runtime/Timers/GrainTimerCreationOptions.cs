namespace Shop.Runtime.Timers;

/// <summary>How a grain timer fires.</summary>
/// <param name="DueTime">Delay before the first tick.</param>
/// <param name="Period">Delay between the end of one tick and the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> fires once.</param>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>When true, ticks interleave with requests instead of waiting their turn. Default false.</summary>
    public bool Interleave { get; init; }

    /// <summary>When true, ticks count as activity and keep the activation from being collected. Default false.</summary>
    public bool KeepAlive { get; init; }
}
