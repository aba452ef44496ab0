using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Operations;
using Shop.Grains.ReadModels;
using Shop.Streaming;

namespace Shop.Grains.Operations;

/// <summary>
/// Every silo's reporter: every <see cref="OperationsOptions.ReportInterval"/> it tells <see cref="IOperationsGrain"/>
/// what this silo's stream consumers handled (per queue, with the rate since the previous report), the last lag its
/// read-model projections measured, and its hottest SKUs. A report that fails is not retried: the next one replaces it.
/// </summary>
public sealed class OperationsReporter(
    IGrainFactory grains,
    StreamActivity streams,
    SkuActivity skus,
    CatalogMetrics catalog,
    OrderReadModelMetrics orderRows,
    ILocalSiloDetails silo,
    IOptions<OperationsOptions> options,
    TimeProvider time,
    ILogger<OperationsReporter> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, long> _handledBefore = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TimeSpan Lag, DateTimeOffset? At)> _lags = new(StringComparer.Ordinal);
    private long _measuredAt = time.GetTimestamp();
    private Task _reporting = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(OperationsReporter), ServiceLifecycleStage.Active, Start, StopAsync);

    /// <summary>This silo's figures now; the rates are over the time since the previous call (or since the silo started).</summary>
    public SiloActivity Measure()
    {
        var now = time.GetTimestamp();
        var seconds = time.GetElapsedTime(_measuredAt, now).TotalSeconds;
        _measuredAt = now;
        var queues = new List<QueueActivity>();
        foreach (var queue in streams.Totals())
        {
            var handled = queue.Handled - _handledBefore.GetValueOrDefault(queue.Queue);
            _handledBefore[queue.Queue] = queue.Handled;
            queues.Add(new QueueActivity(queue.Queue, queue.Handled, seconds > 0 ? handled / seconds : 0, queue.LastLag, queue.LastHandledAt));
        }

        return new SiloActivity(
            silo.SiloAddress.ToParsableString(),
            queues,
            [Lag(ReadModelLag.Catalog, catalog.LastLag), Lag(ReadModelLag.Orders, orderRows.LastLag)],
            skus.Hottest(ClusterActivity.MaxHotSkus));
    }

    /// <summary>
    /// The metrics keep a read model's last lag but not when it was measured. Dating it by when it changed (to within a
    /// report) lets the operations grain take the cluster's latest measurement rather than an idle silo's old one.
    /// </summary>
    private ReadModelLag Lag(string name, TimeSpan lag)
    {
        if (!_lags.TryGetValue(name, out var last) || last.Lag != lag)
        {
            _lags[name] = last = (lag, lag == TimeSpan.Zero && last.At is null ? null : time.GetUtcNow());
        }

        return new ReadModelLag(name, last.Lag, last.At);
    }

    private Task Start(CancellationToken cancellationToken)
    {
        _reporting = Task.Run(ReportAsync);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _reporting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ReportAsync()
    {
        var interval = options.Value.ReportInterval;
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                try
                {
                    await grains.GetGrain<IOperationsGrain>(0).ReportAsync(Measure()).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    OperationsLog.ReportFailed(logger, silo.SiloAddress.ToString(), interval, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }
}
