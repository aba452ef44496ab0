using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Gateway;

/// <summary>
/// The storefront HTTP API of shared/API.md. Hosted by the silo in embedded mode; its endpoint groups
/// are added issue by issue. Every error leaves as application/problem+json.
/// </summary>
public static class StorefrontApi
{
    public static IServiceCollection AddStorefrontApi(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", ProblemCodes.ForStatus(status));
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        return services;
    }

    public static IApplicationBuilder UseStorefrontApi(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static IEndpointRouteBuilder MapStorefrontApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api").WithTags("Storefront");
        return endpoints;
    }
}
