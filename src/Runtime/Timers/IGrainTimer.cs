namespace Shop.Runtime.Timers;

/// <summary>A timer registered by a grain. Disposing it stops it; it also stops when the activation goes away.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the timer next fires and its period.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
