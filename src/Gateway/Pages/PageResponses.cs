using Microsoft.AspNetCore.Http;

namespace Shop.Gateway.Pages;

/// <summary>Writes an embedded page as the answer, with its ETag and the page headers.</summary>
public static class PageResponses
{
    /// <summary>The sign-in page, as the body of a 401 to a browser opening a dashboard without the admin signed in.</summary>
    public static Task SignInAsync(HttpContext http) => WriteAsync(http, PageAssets.Get("signin.html"), cache: false);

    /// <summary>The page of a 403: signed in, but not as the administrator.</summary>
    public static Task ForbiddenAsync(HttpContext http) => WriteAsync(http, PageAssets.Get("forbidden.html"), cache: false);

    /// <summary>
    /// Serves <paramref name="asset"/>; with <paramref name="cache"/> the browser may keep it and revalidate by ETag
    /// (pages behind a sign-in are never cached, so signing out leaves nothing readable in the cache).
    /// </summary>
    public static async Task WriteAsync(HttpContext http, PageAsset asset, bool cache)
    {
        var response = http.Response;
        response.Headers.CacheControl = cache ? "no-cache" : "no-store";
        if (cache)
        {
            response.Headers.ETag = asset.ETag;
            if (http.Request.Headers.IfNoneMatch.Contains(asset.ETag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await response.Body.WriteAsync(asset.Content, http.RequestAborted);
        }
    }
}
