namespace Shop.Runtime.Activation;

/// <summary>
/// The activation whose code is running on this thread. Set by <see cref="ActivationTaskScheduler"/>
/// while it runs work items, so it is right across awaits in grain code (continuations come back to
/// the activation's scheduler) and absent on plain thread-pool threads.
/// </summary>
internal static class RuntimeContext
{
    [ThreadStatic]
    private static ActivationData? t_current;

    public static ActivationData? CurrentActivation => t_current;

    internal static ActivationData? Swap(ActivationData? activation)
    {
        var previous = t_current;
        t_current = activation;
        return previous;
    }
}
