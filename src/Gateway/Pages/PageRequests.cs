using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Shop.Gateway.Auth;

namespace Shop.Gateway.Pages;

/// <summary>Tells a browser opening a page from a script calling an endpoint, so each gets its kind of answer.</summary>
public static class PageRequests
{
    /// <summary>
    /// A navigation to a dashboard page: under <see cref="BrowserSession.CookiePath"/> and asking for HTML. The
    /// dashboards' own data calls ask for JSON and get problems, like the API.
    /// </summary>
    public static bool WantsPage(HttpRequest request) =>
        request.Path.StartsWithSegments(BrowserSession.CookiePath)
        && HttpMethods.IsGet(request.Method)
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
