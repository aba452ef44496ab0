using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.ReadModels;

namespace Shop.Grains.Orders;

/// <summary>
/// Resumes the sagas that do not move by themselves: a placement a crash interrupted, a step whose silo died, a Pending
/// order whose payment hold is over. It asks the orders read model which orders are due (each order says when it wants
/// to be looked at again) and calls <see cref="IOrderGrain.ResumeAsync"/> on them; sagas that have not moved for longer
/// than <see cref="OrderOptions.StuckAfter"/> are logged at critical level. Every silo runs one; resuming twice is harmless.
/// </summary>
public sealed class OrderSagaSupervisor(
    IOrderReadModel readModel,
    IGrainFactory grains,
    IOptions<OrderOptions> options,
    TimeProvider time,
    ILogger<OrderSagaSupervisor> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int OrdersPerSweep = 200;
    private const int ReportedStuckKept = 10_000;

    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<string> _reportedStuck = new(StringComparer.Ordinal);
    private Task _supervising = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(OrderSagaSupervisor), ServiceLifecycleStage.Active, Start, StopAsync);

    /// <summary>One sweep: resumes every due order (up to a page of them) and reports stuck ones. Returns how many were resumed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await readModel.ListDueAsync(now, OrdersPerSweep, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (orderId, _) =>
        {
            try
            {
                await grains.GetGrain<IOrderGrain>(orderId).ResumeAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                OrderLog.ResumeFailed(logger, orderId, exception);
            }
        }).ConfigureAwait(false);

        foreach (var stuck in await readModel.ListStuckAsync(now - options.Value.StuckAfter, OrdersPerSweep, cancellationToken).ConfigureAwait(false))
        {
            if (_reportedStuck.Count >= ReportedStuckKept)
            {
                _reportedStuck.Clear();
            }

            if (_reportedStuck.Add(stuck.OrderId))
            {
                OrderLog.Stuck(logger, stuck.OrderId, stuck.Step.ToString(), stuck.UpdatedAt);
            }
        }

        return due.Count;
    }

    private Task Start(CancellationToken cancellationToken)
    {
        _supervising = Task.Run(SuperviseAsync);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _supervising.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SuperviseAsync()
    {
        using var timer = new PeriodicTimer(options.Value.SupervisorInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await SweepAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    OrderLog.SweepFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }
}
