using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Shop.Gateway.Hosting;

public static class HostUrls
{
    /// <summary>
    /// Listens on <paramref name="defaultUrl"/> unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or launchSettings
    /// (all of which land in the <c>urls</c> key) name another address.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrl(this WebApplicationBuilder builder, string defaultUrl)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(defaultUrl);
        }

        return builder;
    }
}
