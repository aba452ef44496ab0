using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Gateway.Auth;
using Shop.Gateway.Cart;
using Shop.Gateway.Catalog;
using Shop.Gateway.Inventory;
using Shop.Gateway.Operations;
using Shop.Gateway.Orders;
using Shop.Gateway.Users;

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
        services.AddRequestBodyProblems();
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
        endpoints.MapUserEndpoints();

        var api = endpoints.MapGroup("/api").WithTags("Storefront").AddEndpointFilter<CommerceExceptionFilter>();
        var admin = endpoints.MapAdminGroup().AddEndpointFilter<CommerceExceptionFilter>();
        var signedIn = endpoints.MapSignedInGroup().WithTags("Storefront").AddEndpointFilter<CommerceExceptionFilter>();
        api.MapCatalogEndpoints(admin);
        api.MapInventoryEndpoints(admin);
        signedIn.MapCartEndpoints();
        signedIn.MapOrderEndpoints(admin);
        admin.MapOperationsEndpoints();
        return endpoints;
    }
}
