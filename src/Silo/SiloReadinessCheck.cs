using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using Shop.Journaling;

namespace Shop.Silo;

/// <summary>Ready when the silo is an active cluster member, is not shutting down, and its database answers.</summary>
internal sealed class SiloReadinessCheck(ISiloStatusOracle silo, IHostApplicationLifetime lifetime, IJournalStorage journal) : IHealthCheck
{
    // A grain id no grain has: reading its journal is a cheap round trip through the storage provider's own
    // connection, so it proves the database that holds state answers, not just that some server does.
    private static readonly GrainId Probe = GrainId.Create("shop.health", "ready");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = silo.CurrentStatus;
        if (status != SiloStatus.Active || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The silo is {status}{(lifetime.ApplicationStopping.IsCancellationRequested ? " and stopping" : "")}.");
        }

        try
        {
            await journal.ReadAsync(Probe, cancellationToken);
            return HealthCheckResult.Healthy("The silo is active and its database answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
