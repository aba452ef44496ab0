using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Shop.Gateway.Health;

/// <summary>
/// Ready when the gateway process's Orleans client reaches the cluster: a call to the management grain answers
/// with at least one active silo. A call rather than a count of open gateway connections, because an idle client
/// opens connections only when it sends: after its silo dies it has none until the next call, which this one is.
/// </summary>
internal sealed class ClusterClientReadinessCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silos = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
            return silos.Count > 0
                ? HealthCheckResult.Healthy($"{silos.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("The cluster has no active silo.");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", exception);
        }
    }
}
