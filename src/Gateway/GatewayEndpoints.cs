using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Shop.Gateway.Auth;
using Shop.Gateway.Hardening;
using Shop.Gateway.Pages;

namespace Shop.Gateway;

/// <summary>
/// The storefront gateway's HTTP surface (shared/API.md): the storefront API with its problem responses and its
/// OpenAPI document, the storefront page and the dashboards. The one copy of it: the gateway process maps it, and so does a silo that co-hosts the gateway
/// (<c>Shop:Gateway:Enabled</c>). Health endpoints are separate (<see cref="Health.HealthEndpoints"/>): every process serves those.
/// </summary>
public static class GatewayEndpoints
{
    public static IServiceCollection AddGatewayEndpoints(this IServiceCollection services)
    {
        services.AddStorefrontApi();
        services.AddGatewayHardening();
        services.AddShopAuth();
        services.AddOpenApi(o => o.DescribeProblemCodes());
        return services;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.UseGatewayHardening();
        app.UseStorefrontApi();
        app.UseShopAuth();
        app.UseGatewayRateLimits();
        app.MapOpenApi();
        app.MapStorefrontApi();
        app.MapPages();
        return app;
    }
}
