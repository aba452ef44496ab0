using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Shop.Gateway.Resilience;

/// <summary>
/// Keeps the API answering while silos come and go. A request the cluster failed under is run again when that is
/// harmless: HTTP's idempotent methods (GET, HEAD, PUT, DELETE: every such endpoint here sets, reads or removes, and never
/// adds), and the POSTs marked <see cref="ClusterChangeEndpointExtensions.RepeatableOnClusterChange{TBuilder}"/>. Anything
/// else that the cluster failed under is answered <c>503 service-unavailable</c> with <c>Retry-After</c>, never a bare 500:
/// the client knows best whether to send it again.
/// </summary>
/// <remarks>Placing an order is a POST that repeats itself, under the one order id of the request (see the order endpoints).</remarks>
public sealed class ClusterChangeFilter(ILogger<ClusterChangeFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            if (!IsRepeatable(http))
            {
                return await next(context);
            }

            return await ClusterChange.RepeatAsync(
                () => next(context).AsTask(),
                (e, attempt) => ClusterChangeLog.Repeating(logger, http.Request.Method, http.Request.Path, attempt, ClusterChange.Describe(e)),
                http.RequestAborted);
        }
        catch (Exception e) when (ClusterChange.Caused(e))
        {
            ClusterChangeLog.Unavailable(logger, e, http.Request.Method, http.Request.Path);
            return ApiProblem.Unavailable("The cluster is changing (a silo left or is starting); send the request again after Retry-After.");
        }
    }

    private static bool IsRepeatable(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method)
        || HttpMethods.IsHead(http.Request.Method)
        || HttpMethods.IsPut(http.Request.Method)
        || HttpMethods.IsDelete(http.Request.Method)
        || http.GetEndpoint()?.Metadata.GetMetadata<RepeatableOnClusterChangeMetadata>() is not null;
}
