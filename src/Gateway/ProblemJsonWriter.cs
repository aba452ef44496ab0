using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Shop.Gateway;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the client's <c>Accept</c> says. ASP.NET Core's own
/// writer declines when <c>Accept</c> names only other types (<c>application/xml</c>), which would leave the client a
/// bare status or <c>text/plain</c>; API.md promises problem JSON on every error, and a client that cannot read it is
/// still better told in the one format the API has. Registered after ASP.NET Core's writer, it writes only what that
/// one declined.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Type ??= "about:blank";
        problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json"));
    }
}

public static class ProblemJsonWriterRegistration
{
    /// <summary>Adds <see cref="ProblemJsonWriter"/> behind ASP.NET Core's writer (call after <c>AddProblemDetails</c>).</summary>
    public static IServiceCollection AddProblemJsonWhateverTheAccept(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonWriter>());
        return services;
    }
}
