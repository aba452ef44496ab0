using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Dashboard;
using Shop.Gateway.Auth;
using Shop.Gateway.Hardening;

namespace Shop.Gateway.Pages;

/// <summary>
/// The pages of API.md, Operations: the storefront at <c>/</c> (anyone), the commerce operations page at
/// <c>/dashboard</c> and Orleans' dashboard at <c>/dashboard/orleans/</c> (the administrator, signed in through
/// <see cref="BrowserSession"/>), the API's browsable reference at <see cref="ApiPagePath"/>, and their scripts and
/// styles under <c>/assets/</c>.
/// </summary>
public static class PageEndpoints
{
    public const string OrleansDashboardPath = "/dashboard/orleans";

    /// <summary>The browsable form of the OpenAPI document (<c>/openapi/v1.json</c>).</summary>
    public const string ApiPagePath = "/api-docs";

    // Orleans' dashboard styles elements inline and embeds its icon font as data; it still loads nothing from elsewhere.
    private const string OrleansDashboardPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup("").ExcludeFromDescription();
        pages.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], Serve("storefront.html", cache: true));
        pages.MapMethods(ApiPagePath, [HttpMethods.Get, HttpMethods.Head], Serve("api.html", cache: true));
        pages.MapMethods(BrowserSession.CookiePath, [HttpMethods.Get, HttpMethods.Head], Serve("dashboard.html", cache: false))
            .RequireAuthorization(ShopPolicies.Admin);
        pages.MapMethods("/assets/{name}", [HttpMethods.Get, HttpMethods.Head], (string name, HttpContext http) =>
            PageAssets.Find(name) is { } asset && !name.EndsWith(".html", StringComparison.Ordinal)
                ? PageResponses.WriteAsync(http, asset, cache: true)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no asset '{name}'.").ExecuteAsync(http));

        endpoints.MapOrleansDashboard(routePrefix: OrleansDashboardPath).RequireAuthorization(ShopPolicies.Admin)
            .WithMetadata(new ContentSecurityPolicy(OrleansDashboardPolicy))
            .ExcludeFromDescription();
        return endpoints;
    }

    private static RequestDelegate Serve(string name, bool cache)
    {
        var asset = PageAssets.Get(name);
        return http => PageResponses.WriteAsync(http, asset, cache);
    }
}
