using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Shop.Gateway;

/// <summary>
/// Requests the endpoints cannot even bind (malformed JSON, a value of the wrong type, a missing body, an unparsable
/// query value) answer 400 <c>validation-failed</c> with <c>errors</c> naming the field, like every other invalid
/// request (shared/API.md, Errors), instead of a bare 400. Minimal APIs are told to throw on such requests, and this
/// handler turns the exception into the problem.
/// </summary>
public static partial class RequestBodyProblems
{
    public static IServiceCollection AddRequestBodyProblems(this IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    /// <summary>The field a binding failure is about, as the client named it, and what to tell the client.</summary>
    private static KeyValuePair<string, string[]> Error(BadHttpRequestException exception, JsonNamingPolicy? naming)
    {
        if (exception.InnerException is JsonException json)
        {
            // A syntax error carries the reader's own exception; a value of the wrong type does not.
            if (json.InnerException is JsonException || json.Path is null or "$")
            {
                return new("body", [$"The request body is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})."]);
            }

            return new(json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path, ["Not a value of the expected type."]);
        }

        if (exception.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase)
            || (exception.Message.Contains("from body", StringComparison.OrdinalIgnoreCase) && exception.Message.Contains("not provided", StringComparison.OrdinalIgnoreCase)))
        {
            return new("body", ["A JSON body is required."]);
        }

        // Query, route and header values name their parameter: Failed to bind parameter "int page" from "abc".
        var parameter = ParameterName().Match(exception.Message);
        var field = parameter.Success ? parameter.Groups["name"].Value : "request";
        return new(naming?.ConvertName(field) ?? field, [exception.Message]);
    }

    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();

    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems, IOptions<JsonOptions> json) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException badRequest)
            {
                return false;
            }

            var status = badRequest.StatusCode;
            httpContext.Response.StatusCode = status;
            Microsoft.AspNetCore.Mvc.ProblemDetails problem = status == StatusCodes.Status400BadRequest
                ? new HttpValidationProblemDetails(new Dictionary<string, string[]>([Error(badRequest, json.Value.SerializerOptions.PropertyNamingPolicy)]))
                {
                    Detail = "The request could not be read.",
                }
                : new Microsoft.AspNetCore.Mvc.ProblemDetails { Detail = badRequest.Message };
            problem.Status = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        }
    }
}
