using Microsoft.AspNetCore.Http;

namespace Shop.Gateway;

/// <summary>The stable, machine-readable <c>code</c> of every problem response (shared/API.md, Errors).</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation-failed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not-found";
    public const string EmailTaken = "email-taken";
    public const string UserDormant = "user-dormant";
    public const string PayloadTooLarge = "payload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string RateLimited = "rate-limited";
    public const string InternalError = "internal-error";
    public const string SkuTaken = "sku-taken";
    public const string UnknownSku = "unknown-sku";
    public const string OutOfStock = "out-of-stock";
    public const string PurchaseLimitExceeded = "purchase-limit-exceeded";
    public const string StockBelowReserved = "stock-below-reserved";
    public const string PerUserLimitBelowHoldings = "per-user-limit-below-holdings";
    public const string IdempotencyKeyReuse = "idempotency-key-reuse";
    public const string DeadLetterNotReplayable = "dead-letter-not-replayable";
    public const string DeadLetterNotOpen = "dead-letter-not-open";
    public const string ServiceUnavailable = "service-unavailable";

    /// <summary>The code of a problem that no endpoint named more precisely.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ValidationFailed,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        >= 500 => InternalError,
        _ => $"http-{status}",
    };

    /// <summary>What to tell the client when the code that answered <paramref name="status"/> said nothing more precise.</summary>
    public static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid.",
        StatusCodes.Status401Unauthorized => "This needs a valid bearer token: sign in at POST /api/auth/token.",
        StatusCodes.Status403Forbidden => "The signed-in user may not do this.",
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not take that method.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The body must be JSON: Content-Type application/json, in UTF-8.",
        StatusCodes.Status503ServiceUnavailable => "The service cannot answer just now; send the request again after Retry-After.",
        >= 500 => "The server failed to answer; the trace id identifies the failure in its logs.",
        _ => "The request could not be served.",
    };
}
