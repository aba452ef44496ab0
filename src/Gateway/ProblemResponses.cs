using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Shop.Gateway;

/// <summary>The problem <see cref="Codes"/> (shared/API.md, Errors) an endpoint may answer with <see cref="Status"/>.</summary>
public sealed record ProblemCodesMetadata(int Status, IReadOnlyList<string> Codes);

/// <summary>
/// Declares the problems an endpoint (or a group of endpoints) may answer, by status and API.md code, so that
/// <c>/openapi/v1.json</c> lists each response with its codes. The refusals every endpoint of a kind shares (a body,
/// signing in, the administrator, a rate limit) are declared once by <see cref="Problems"/> helpers.
/// </summary>
public static class ProblemResponses
{
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, int status, params string[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(status, status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]),
            new ProblemCodesMetadata(status, codes));

    /// <summary>An endpoint that reads a JSON body: invalid, too large, or not JSON in UTF-8.</summary>
    public static TBuilder RefusesBadBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder => builder
        .Refuses(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed)
        .Refuses(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge)
        .Refuses(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType);

    /// <summary>Endpoints for a signed-in user: no valid token is 401.</summary>
    public static TBuilder RefusesAnonymous<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Refuses(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized);

    /// <summary>Endpoints for the administrator: no valid token is 401, a user's token 403.</summary>
    public static TBuilder RefusesAllButTheAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder => builder
        .RefusesAnonymous()
        .Refuses(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden);

    /// <summary>Endpoints under a rate limit: 429 with <c>Retry-After</c>.</summary>
    public static TBuilder RefusesTooMany<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Refuses(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited);

    /// <summary>Writes each declared problem response's codes into its description.</summary>
    public static OpenApiOptions DescribeProblemCodes(this OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<ProblemCodesMetadata>()
            .GroupBy(m => m.Status)
            .ToDictionary(g => g.Key, g => g.SelectMany(m => m.Codes).Distinct().ToList());
        foreach (var (status, codes) in declared)
        {
            if (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true && response is OpenApiResponse described)
            {
                described.Description = $"{Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)}: a problem with code {string.Join(" or ", codes.Select(c => $"`{c}`"))}.";
            }
        }

        return Task.CompletedTask;
    });
}
