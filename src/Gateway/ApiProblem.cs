using Microsoft.AspNetCore.Http;

namespace Shop.Gateway;

/// <summary>Problem responses (RFC 9457) that carry one of API.md's codes.</summary>
public static class ApiProblem
{
    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail ?? "The request is not valid.", extensions: Code(ProblemCodes.ValidationFailed));

    public static IResult Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found", extensions: Code(ProblemCodes.NotFound));

    public static IResult Conflict(string code, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", extensions: Code(code));

    public static IResult Unprocessable(string code, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unprocessable request", extensions: Code(code));

    /// <summary>503 <c>service-unavailable</c> with <c>Retry-After: 1</c>: the cluster could not serve the request just now.</summary>
    public static IResult Unavailable(string detail) => new RetryLater(
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", extensions: Code(ProblemCodes.ServiceUnavailable)));

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };

    private sealed class RetryLater(IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            return problem.ExecuteAsync(httpContext);
        }
    }
}
