using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Gateway.Auth;

namespace Shop.Gateway.Hardening;

/// <summary>
/// What every answer of the gateway gets: a trace id header (<c>X-Trace-Id</c>, the request's W3C trace id, also in
/// its log lines), security headers, a request body limit, and rate limits (per user on placing orders, per email on
/// sign-in attempts, per IP for calls without a token), each refusal a problem with its API.md code and, for 429,
/// <c>Retry-After</c>.
/// </summary>
public static class GatewayHardening
{
    public const string TraceIdHeader = "X-Trace-Id";
    public const string OrdersPolicy = "orders";

    public static IServiceCollection AddGatewayHardening(this IServiceCollection services)
    {
        services.AddOptions<GatewayLimits>().BindConfiguration(GatewayLimits.Section).Validate(l => { l.Validate(); return true; }).ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(RejectAsync(context.HttpContext, context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60)));
            o.AddPolicy(OrdersPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<GatewayLimits>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(http.User.Identity?.IsAuthenticated == true ? Caller.UserId(http.User) : "anonymous", _ => PerMinute(limits.OrdersPerMinute));
            });
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                // Signed-in callers are limited where it matters (orders); anonymous calls by where they come from.
                if (http.Request.Headers.Authorization.Count > 0)
                {
                    return RateLimitPartition.GetNoLimiter("signed-in");
                }

                var limits = http.RequestServices.GetRequiredService<IOptions<GatewayLimits>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => PerMinute(limits.AnonymousPerMinute));
            });
        });
        return services;
    }

    /// <summary>Before routing: headers and the body limit. <see cref="UseGatewayRateLimits"/> comes after authentication.</summary>
    public static IApplicationBuilder UseGatewayHardening(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[TraceIdHeader] = traceId;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicy>()?.Policy ?? ContentSecurityPolicy.Default;
            }

            return Task.CompletedTask;
        });

        var limit = context.RequestServices.GetRequiredService<IOptions<GatewayLimits>>().Value.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // A body without a length (chunked) is cut off by the server when it grows past the limit.
            size.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            // The body is left unread, so the connection cannot carry another request: say so, or the client reuses it.
            context.Response.Headers.Connection = "close";
            await Problem(context, StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, $"The request body is larger than {limit:N0} bytes.");
            return;
        }

        await next(context);
    });

    public static IApplicationBuilder UseGatewayRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    internal static Task RejectAsync(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problem(http, StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many requests; come back after the time in Retry-After.");
    }

    private static Task Problem(HttpContext http, int status, string code, string detail)
    {
        http.Response.StatusCode = status;
        return TypedResults.Problem(detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(http);
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };
}
