namespace Shop.Gateway.Tests.Hosting;

/// <summary>Counts the calls a silo's grains receive to one method of their interfaces.</summary>
public sealed class GrainCallCounter(string methodName) : Orleans.IIncomingGrainCallFilter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task Invoke(Orleans.IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == methodName)
        {
            Interlocked.Increment(ref _count);
        }

        return context.Invoke();
    }
}
