using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;
using Shop.Gateway.Resilience;

namespace Shop.Gateway.Auth;

/// <summary>
/// A browser's sign-in for the dashboards. The API takes bearer tokens only, but a person opening
/// <c>/dashboard</c> in a browser sends no header; so a page that holds a token (the storefront's sign-in) hands it
/// to <c>POST /api/auth/session</c>, which keeps it in an HttpOnly, SameSite=Strict cookie scoped to
/// <see cref="CookiePath"/>. The cookie is the same token, so it expires with it and carries the same role; it is
/// only read under <see cref="CookiePath"/> (<see cref="ProblemJwtBearerEvents"/>), so the API itself never accepts a
/// cookie and cannot be driven by a cross-site request.
/// </summary>
public static class BrowserSession
{
    public const string CookieName = "shop_session";
    public const string CookiePath = "/dashboard";

    public static IEndpointRouteBuilder MapBrowserSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Users").RefusesTooMany();
        auth.MapPost("/session", Open).WithName("OpenBrowserSession").RepeatableOnClusterChange().RequireAuthorization(ShopPolicies.User)
            .Produces(StatusCodes.Status204NoContent).RefusesAnonymous();
        auth.MapDelete("/session", Close).WithName("CloseBrowserSession").AllowAnonymous()
            .Produces(StatusCodes.Status204NoContent);
        return endpoints;
    }

    /// <summary>The token of a request under <see cref="CookiePath"/> that came without an Authorization header.</summary>
    public static string? TokenOf(HttpRequest request) =>
        request.Path.StartsWithSegments(CookiePath) && request.Headers.Authorization.Count == 0
            ? request.Cookies[CookieName]
            : null;

    private static IResult Open(HttpContext http)
    {
        // The bearer handler has already accepted this header's token, so the cookie holds nothing the caller did not prove.
        var token = http.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var expires = new JsonWebToken(token).ValidTo;
        http.Response.Cookies.Append(CookieName, token, Options(http, new DateTimeOffset(expires, TimeSpan.Zero)));
        return TypedResults.NoContent();
    }

    private static IResult Close(HttpContext http)
    {
        http.Response.Cookies.Delete(CookieName, Options(http, expires: null));
        return TypedResults.NoContent();
    }

    private static CookieOptions Options(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        Expires = expires,
        IsEssential = true,
    };
}
