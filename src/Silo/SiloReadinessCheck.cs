using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Runtime;
using Shop.Runtime.Hosting;
using Shop.Runtime.Storage;

namespace Shop.Silo;

/// <summary>Ready when the silo has started, is not shutting down, and its database answers.</summary>
internal sealed class SiloReadinessCheck(ISiloRuntime silo, IGrainStorage storage) : IHealthCheck
{
    private static readonly GrainId Probe = new("health", "ready");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!silo.IsReady)
        {
            return HealthCheckResult.Unhealthy("The silo is starting or stopping.");
        }

        try
        {
            await storage.ReadStateAsync(Probe, "probe", cancellationToken);
            return HealthCheckResult.Healthy($"{silo.ActivationCount} activations.");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
