using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Shop.Grains.Interfaces.Operations;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.ReadModels;
using Shop.Streaming;

namespace Shop.Grains.Operations;

/// <summary>
/// The cluster's operations figures (key 0). Silos report every few seconds; a timer that keeps the grain alive takes a
/// history sample every <see cref="OperationsOptions.SampleInterval"/>, adding what only a database can tell: orders by
/// status, open dead letters, stuck sagas. Nothing is stored: after a move to another silo the reports refill it within
/// one report interval, and the history starts again.
/// </summary>
/// <remarks>
/// Reentrant: reports and snapshots change or read memory without awaiting, so they are atomic on the grain's turn and
/// need not wait behind a sample's database reads.
/// </remarks>
[Reentrant]
public sealed class OperationsGrain(IOrderReadModel orders, IOptions<OperationsOptions> options, TimeProvider time, ILogger<OperationsGrain> logger)
    : Grain, IOperationsGrain
{
    /// <summary>Stuck sagas are counted up to this many (they are listed oldest first; a healthy cluster has none).</summary>
    public const int MaxStuckCounted = 1_000;

    private readonly ClusterActivity _activity = new(options.Value, time);
    private Task _sampling = Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var every = options.Value.SampleInterval;
        this.RegisterGrainTimer(_ => SampleAsync(), new GrainTimerCreationOptions(every, every) { KeepAlive = true, Interleave = true });
        return base.OnActivateAsync(cancellationToken);
    }

    public Task ReportAsync(SiloActivity report)
    {
        _activity.Report(report);
        return Task.CompletedTask;
    }

    public async Task<OperationsSnapshot> GetSnapshotAsync()
    {
        if (!_activity.HasHistory)
        {
            // Just activated: a first sample now, so the page never shows an empty history.
            await SampleAsync();
        }

        return _activity.Snapshot();
    }

    /// <summary>The sample under way, or a new one: the timer and a first snapshot never read the databases twice at once.</summary>
    private Task SampleAsync() => _sampling.IsCompleted ? _sampling = TakeSampleAsync() : _sampling;

    private async Task TakeSampleAsync()
    {
        try
        {
            var counts = orders.CountByStatusAsync();
            var letters = GrainFactory.GetGrain<IDeadLetterGrain>(0).OpenAsync(0);
            var stuck = GrainFactory.GetGrain<IOrderQueryGrain>(0).ListStuckAsync(MaxStuckCounted);
            await Task.WhenAll(counts, letters, stuck);
            _activity.AddSample(letters.Result.Count, stuck.Result.Count, counts.Result);
        }
        catch (Exception exception)
        {
            // A gap in the history says as much as a sample would: the database did not answer.
            OperationsLog.SampleFailed(logger, options.Value.SampleInterval, exception);
        }
    }
}
