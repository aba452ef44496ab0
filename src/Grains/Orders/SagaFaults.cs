using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Shop.Grains.Orders;

/// <summary>
/// The fault-injection hook of the crash tests: configured with a <see cref="SagaPoint"/> (<c>Shop:Faults:KillAt</c>)
/// and a count (<c>Shop:Faults:KillAfter</c>, default 1), the silo process kills itself (SIGKILL: nothing runs after
/// it) the count-th time a saga passes that point. Not configured, which is the default, it does nothing.
/// </summary>
public sealed class SagaFaults(SagaPoint? killAt, int killAfter, ILogger<SagaFaults> logger)
{
    private int _passes;

    public static SagaFaults None { get; } = new(null, 1, Microsoft.Extensions.Logging.Abstractions.NullLogger<SagaFaults>.Instance);

    public void Reached(SagaPoint point)
    {
        if (killAt != point || Interlocked.Increment(ref _passes) != killAfter)
        {
            return;
        }

        OrderLog.KillingAtFault(logger, point, killAfter);
        // The log is written asynchronously and would die with the process; standard error is written through.
        Console.Error.WriteLine($"Fault injection (Shop:Faults): killing this process at saga point {point}, pass {killAfter}");
        Process.GetCurrentProcess().Kill();
    }
}
