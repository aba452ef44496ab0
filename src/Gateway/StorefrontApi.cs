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
using Shop.Gateway.Resilience;
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
            context.ProblemDetails.Detail ??= ProblemCodes.DefaultDetail(status);
        });
        services.AddProblemJsonWhateverTheAccept();
        services.AddSingleton<ProductPageJson>();
        services.AddRequestBodyProblems();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;

            // The web defaults read "2" as 2; API.md's numbers are JSON numbers, and a string in their place is a mistake to report.
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        return services;
    }

    public static IApplicationBuilder UseStorefrontApi(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseJsonRequestBodies();
        return app;
    }

    public static IEndpointRouteBuilder MapStorefrontApi(this IEndpointRouteBuilder root)
    {
        // Every endpoint of the API keeps answering while silos come and go.
        var endpoints = root.MapGroup("").AddEndpointFilter<ClusterChangeFilter>();
        endpoints.MapUserEndpoints();
        endpoints.MapBrowserSessionEndpoints();

        var api = endpoints.MapGroup("/api").WithTags("Storefront").AddEndpointFilter<CommerceExceptionFilter>().RefusesTooMany();
        var admin = endpoints.MapAdminGroup().AddEndpointFilter<CommerceExceptionFilter>();
        var signedIn = endpoints.MapSignedInGroup().WithTags("Storefront").AddEndpointFilter<CommerceExceptionFilter>();
        api.MapCatalogEndpoints(admin);
        api.MapInventoryEndpoints(admin);
        signedIn.MapCartEndpoints();
        signedIn.MapOrderEndpoints(admin);
        admin.MapOperationsEndpoints();
        return root;
    }
}
