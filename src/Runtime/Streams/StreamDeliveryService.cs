using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Runtime.Storage;

namespace Shop.Runtime.Streams;

/// <summary>
/// Runs a pulling agent per (subscription, queue) while the silo is up, and trims delivered events past
/// the retention period. Stops before the grains are deactivated (hosted services stop in reverse order).
/// </summary>
internal sealed class StreamDeliveryService(
    StreamSubscriptions subscriptions,
    IStreamQueueStorage storage,
    StreamDelivery delivery,
    StreamQueueSignals signals,
    IOptions<StreamOptions> options,
    ILogger<StreamDeliveryService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<StreamPullingAgent> _agents = [];
    private readonly List<Task> _running = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        foreach (var subscription in subscriptions.All)
        {
            for (var queue = 0; queue < o.QueueCount; queue++)
            {
                var agent = new StreamPullingAgent(subscription, queue, storage, delivery, signals, o, logger);
                _agents.Add(agent);
                _running.Add(Task.Run(() => agent.RunAsync(_stopping.Token), CancellationToken.None));
            }
        }

        _running.Add(Task.Run(() => TrimLoopAsync(_stopping.Token), CancellationToken.None));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running).WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Deletes events every subscription has handled and that are older than the retention period.</summary>
    internal async Task TrimAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        for (var queue = 0; queue < o.QueueCount; queue++)
        {
            var checkpoints = _agents.Where(a => a.Queue == queue).Select(a => a.Checkpoint).ToList();
            var upTo = checkpoints.Count == 0 ? long.MaxValue : checkpoints.Min();
            var trimmed = await storage.TrimQueueAsync(queue, upTo, DateTimeOffset.UtcNow - o.RetentionPeriod, cancellationToken);
            if (trimmed > 0)
            {
                StreamLog.Trimmed(logger, trimmed, queue);
            }
        }
    }

    private async Task TrimLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.TrimInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await TrimAsync(cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    StreamLog.TrimFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
