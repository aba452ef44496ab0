using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Shop.Journaling;

/// <summary>
/// Wakes the grains whose outbox holds events that have waited longer than
/// <see cref="JournalOptions.OutboxStaleAfter"/>: their activation died between committing and publishing, or is
/// failing to publish. A woken grain publishes its outbox itself (<see cref="IJournalPublisher"/>), so events still
/// leave in order, one publisher per grain. Every silo sweeps; waking a grain twice is harmless.
/// </summary>
internal sealed class JournalOutboxSweeper(
    IJournalStorage storage,
    IGrainFactory grains,
    IOptions<JournalOptions> options,
    TimeProvider time,
    ILogger<JournalOutboxSweeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int GrainsPerSweep = 200;

    private readonly CancellationTokenSource _stopping = new();
    private Task _sweeping = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(JournalOutboxSweeper), ServiceLifecycleStage.Active, Start, StopAsync);

    private Task Start(CancellationToken cancellationToken)
    {
        _sweeping = Task.Run(SweepLoopAsync);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _sweeping.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SweepLoopAsync()
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.OutboxSweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                await SweepAsync(settings.OutboxStaleAfter).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync(TimeSpan staleAfter)
    {
        IReadOnlyList<GrainId> stale;
        try
        {
            stale = await storage.ListUnpublishedAsync(time.GetUtcNow() - staleAfter, GrainsPerSweep, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!_stopping.IsCancellationRequested)
        {
            JournalingLog.SweepFailed(logger, exception);
            return;
        }

        if (stale.Count == 0)
        {
            return;
        }

        JournalingLog.SweepWoke(logger, stale.Count, staleAfter);
        await Task.WhenAll(stale.Select(WakeAsync)).ConfigureAwait(false);
    }

    private async Task WakeAsync(GrainId grainId)
    {
        try
        {
            await grains.GetGrain<IJournalPublisher>(grainId).PublishPendingAsync().WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!_stopping.IsCancellationRequested)
        {
            JournalingLog.SweepWakeFailed(logger, grainId, exception);
        }
    }
}
