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

    /// <summary>The code of a problem that no endpoint named more precisely.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ValidationFailed,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status429TooManyRequests => RateLimited,
        >= 500 => InternalError,
        _ => $"http-{status}",
    };
}
