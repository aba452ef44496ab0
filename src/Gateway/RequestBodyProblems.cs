using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

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

    /// <summary>
    /// A body sent to <c>/api</c> must be JSON in UTF-8 (RFC 8259), said so by its <c>Content-Type</c>; anything else
    /// (no type, a form, text, two types, another or an unknown charset) is 415 <c>unsupported-media-type</c>, and bytes
    /// that are not UTF-8 are 400 naming the body, before an endpoint reads it: the same for endpoints that bind a
    /// record and those that read the document themselves.
    /// </summary>
    public static IApplicationBuilder UseJsonRequestBodies(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody || !request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        if (!IsJsonInUtf8(request.Headers.ContentType))
        {
            await WriteProblemAsync(context, new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Detail = $"The body must be JSON in UTF-8 (Content-Type: application/json), not '{request.Headers.ContentType}'.",
            });
            return;
        }

        // Bodies are small (the limit is 256 KiB by default): read whole, a chunked one past the limit is refused here
        // as it is read (413), and text that is not UTF-8 is refused before a serializer skips over it unseen.
        var body = new MemoryStream();
        context.Response.RegisterForDispose(body);
        await request.Body.CopyToAsync(body, context.RequestAborted);
        if (!System.Text.Unicode.Utf8.IsValid(body.GetBuffer().AsSpan(0, (int)body.Length)))
        {
            await WriteProblemAsync(context, new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = ["The request body is not valid UTF-8."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Detail = "The request could not be read.",
            });
            return;
        }

        body.Position = 0;
        request.Body = body;
        await next(context);
    });

    private static async Task WriteProblemAsync(HttpContext context, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static bool IsJsonInUtf8(StringValues contentType)
    {
        if (contentType.Count != 1 || !MediaTypeHeaderValue.TryParse(contentType[0], out var type) || type.MediaType.Value is not { } media)
        {
            return false;
        }

        var isJson = media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = HeaderUtilities.RemoveQuotes(type.Charset);
        return isJson && (!type.Charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
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
            if (status == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel stops reading a body past the limit and closes the connection after this answer.
                httpContext.Response.Headers.Connection = "close";
            }

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
