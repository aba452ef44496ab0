using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Runtime.Diagnostics;
using Shop.Runtime.Messaging;

namespace Shop.Runtime.Hosting;

/// <summary>Runs activation collection while the silo is up, and deactivates every grain on graceful shutdown.</summary>
internal sealed class SiloHostedService(GrainRuntime runtime, ISiloRuntime silo, ILogger<SiloHostedService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _collector = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        RuntimeLog.SiloStarted(logger, runtime.Manifest.Classes.Count());
        _collector = RunCollectorAsync(_stopping.Token);
        ((SiloRuntime)silo).IsReady = true;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        ((SiloRuntime)silo).IsReady = false;
        await _stopping.CancelAsync();
        await _collector;
        RuntimeLog.SiloStopping(logger, runtime.Catalog.Count);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(runtime.Options.ShutdownTimeout);
        try
        {
            await runtime.Catalog.DeactivateAllAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A request that never completes must not keep the process from stopping.
            RuntimeLog.ShutdownTimedOut(logger, runtime.Catalog.Count);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunCollectorAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(runtime.Options.CollectionQuantum);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    var collected = runtime.Catalog.CollectIdle();
                    if (collected > 0)
                    {
                        RuntimeLog.CollectedIdle(logger, collected);
                    }
                }
                catch (Exception exception)
                {
                    RuntimeLog.CollectionFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
