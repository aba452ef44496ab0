using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace Shop.Gateway.Health;

/// <summary><c>GET /health/live</c> and <c>GET /health/ready</c>, served by every process of the cluster (silo or gateway).</summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the health checks that decide readiness; each host registers its own.</summary>
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapShopHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Live runs no check: the process answers, which is all a restart decision needs.
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
