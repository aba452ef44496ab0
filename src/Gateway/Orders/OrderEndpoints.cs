using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Shop.Gateway.Catalog;
using Shop.Gateway.Resilience;
using Shop.Grains.Interfaces.Cart;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Gateway.Orders;

/// <summary>
/// API.md, Orders: asynchronous request-reply. Placing answers <c>202 Accepted</c> once the order and its first event
/// are durable, with the order's <c>Location</c> to poll; the saga settles it in the background.
/// </summary>
public static class OrderEndpoints
{
    public const int MaxIdempotencyKeyLength = 100;
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxStuckListed = 200;

    public static void MapOrderEndpoints(this RouteGroupBuilder signedIn, RouteGroupBuilder admin)
    {
        signedIn.MapPost("/orders", PlaceAsync).WithName("PlaceOrder").RequireRateLimiting(Hardening.GatewayHardening.OrdersPolicy)
            .TakesIdempotencyKey().Produces<OrderAccepted>(StatusCodes.Status202Accepted).RefusesBadBodies().RefusesTooMany()
            .Refuses(StatusCodes.Status403Forbidden, ProblemCodes.UserDormant)
            .Refuses(StatusCodes.Status409Conflict, ProblemCodes.OutOfStock, ProblemCodes.PurchaseLimitExceeded)
            .Refuses(StatusCodes.Status422UnprocessableEntity, ProblemCodes.UnknownSku, ProblemCodes.IdempotencyKeyReuse);
        signedIn.MapGet("/orders", ListAsync).WithName("ListOrders")
            .Produces<OrderPageResponse>().Refuses(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed);
        signedIn.MapGet("/orders/{orderId}", GetAsync).WithName("GetOrder")
            .Produces<OrderResponse>().Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        signedIn.MapPost("/orders/{orderId}/cancel", CancelAsync).WithName("CancelOrder").RepeatableOnClusterChange()
            .Produces<OrderAccepted>(StatusCodes.Status202Accepted).Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        signedIn.MapPost("/cart/checkout", CheckoutAsync).WithName("CheckoutCart").RequireRateLimiting(Hardening.GatewayHardening.OrdersPolicy)
            .TakesIdempotencyKey().Produces<OrderAccepted>(StatusCodes.Status202Accepted).RefusesBadBodies().RefusesTooMany()
            .Refuses(StatusCodes.Status403Forbidden, ProblemCodes.UserDormant)
            .Refuses(StatusCodes.Status409Conflict, ProblemCodes.OutOfStock, ProblemCodes.PurchaseLimitExceeded)
            .Refuses(StatusCodes.Status422UnprocessableEntity, ProblemCodes.UnknownSku, ProblemCodes.IdempotencyKeyReuse);
        admin.MapGet("/sagas", ListSagasAsync).WithName("ListSagas")
            .Produces<List<OrderSummaryResponse>>().Refuses(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed);
    }

    private static async Task<IResult> PlaceAsync(
        OrderRequest body,
        HttpRequest request,
        ClaimsPrincipal user,
        IGrainFactory grains,
        ILoggerFactory loggers)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var lines = new List<OrderLine>();
        if (body.Items is not { Count: >= 1 and <= PlaceOrder.MaxLines } items)
        {
            errors["items"] = [$"Between 1 and {PlaceOrder.MaxLines} lines."];
        }
        else
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i]?.Sku is not { Length: > 0 } sku)
                {
                    errors[$"items[{i}].sku"] = ["Required."];
                }
                else if (items[i]!.Quantity is not ({ } quantity and >= 1 and <= PlaceOrder.MaxQuantity))
                {
                    errors[$"items[{i}].quantity"] = [$"Required: 1 to {PlaceOrder.MaxQuantity}."];
                }
                else
                {
                    lines.Add(new OrderLine(sku, quantity));
                }
            }
        }

        CheckToken(body.PaymentToken, errors);
        var key = CheckIdempotencyKey(request, errors);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        // A text that cannot be a SKU names no SKU of the catalog: the same answer as a well-formed unknown one.
        if (lines.FirstOrDefault(l => !ProductRules.IsValidSku(l.Sku)) is { } unknown)
        {
            return ApiProblem.Unprocessable(ProblemCodes.UnknownSku, $"SKU {unknown.Sku[..Math.Min(unknown.Sku.Length, ProductRules.MaxSkuLength)]} does not exist or is not for sale.");
        }

        return await AcceptAsync(new PlaceOrder(Caller.UserId(user), lines, body.PaymentToken!), key, grains, Logger(loggers), request.HttpContext.RequestAborted);
    }

    private static async Task<IResult> CheckoutAsync(
        CheckoutRequest body,
        HttpRequest request,
        ClaimsPrincipal user,
        IGrainFactory grains,
        ILoggerFactory loggers)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckToken(body.PaymentToken, errors);
        var key = CheckIdempotencyKey(request, errors);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        var cart = grains.GetGrain<ICartGrain>(Caller.UserId(user));
        var logger = Logger(loggers);
        var aborted = request.HttpContext.RequestAborted;
        var content = await ClusterChange.RepeatAsync(cart.GetAsync, (e, attempt) => OrderEndpointsLog.CheckingOutAgain(logger, attempt, ClusterChange.Describe(e)), aborted);
        if (content.Items.Count == 0)
        {
            return ApiProblem.Validation("items", "The cart is empty.");
        }

        var result = await AcceptAsync(new PlaceOrder(Caller.UserId(user), [.. content.Items.Select(i => new OrderLine(i.Sku, i.Quantity))], body.PaymentToken!), key, grains, logger, aborted);

        // The order stands from here: clearing the cart is repeated until done rather than failing a checkout that happened.
        await ClusterChange.RepeatAsync(async () => { await cart.ClearAsync(); return true; }, (e, attempt) => OrderEndpointsLog.CheckingOutAgain(logger, attempt, ClusterChange.Describe(e)), aborted);
        return result;
    }

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(OrderEndpoints));

    private static async Task<IResult> AcceptAsync(PlaceOrder order, string? idempotencyKey, IGrainFactory grains, ILogger logger, CancellationToken cancellationToken)
    {
        var placed = await ClusterChange.RepeatAsync(
            idempotencyKey is null ? PlaceUnderOneOrderId(order, grains) : () => grains.GetGrain<IOrderPlacementGrain>(IOrderPlacementGrain.KeyOf(order.UserId, idempotencyKey)).PlaceAsync(order),
            (e, attempt) => OrderEndpointsLog.PlacingAgain(logger, attempt, ClusterChange.Describe(e)),
            cancellationToken);
        return new AcceptedOrder(placed);
    }

    /// <summary>
    /// Placing without an idempotency key, made safe to repeat when the cluster changes under it: every attempt asks the
    /// same order, which answers a repeat with the order as placed. Only an order that says its placement was abandoned
    /// (it reserved nothing and nobody was told of it) is given up for a fresh id.
    /// </summary>
    private static Func<Task<OrderView>> PlaceUnderOneOrderId(PlaceOrder order, IGrainFactory grains)
    {
        var orderId = OrderIds.New();
        return async () =>
        {
            try
            {
                return await grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(order);
            }
            catch (OrderPlacementAbandonedException)
            {
                orderId = OrderIds.New();
                return await grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(order);
            }
        };
    }

    private static async Task<IResult> GetAsync(string orderId, ClaimsPrincipal user, IGrainFactory grains) =>
        await FindAsync(orderId, user, grains) is { } order
            ? TypedResults.Ok(OrderResponse.From(order))
            : NoSuchOrder(orderId);

    private static async Task<IResult> CancelAsync(string orderId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await FindAsync(orderId, user, grains) is null)
        {
            return NoSuchOrder(orderId);
        }

        var order = await grains.GetGrain<IOrderGrain>(orderId).CancelAsync();
        return new AcceptedOrder(order);
    }

    private static async Task<IResult> ListAsync(int? page, int? pageSize, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Paging.Check(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        var result = await grains.GetGrain<IOrderQueryGrain>(0).ListForUserAsync(Caller.UserId(user), page ?? 1, pageSize ?? Paging.DefaultPageSize);
        return TypedResults.Ok(new OrderPageResponse([.. result.Items.Select(OrderSummaryResponse.From)], result.Page, result.PageSize, result.Total));
    }

    private static async Task<IResult> ListSagasAsync(string? state, IGrainFactory grains)
    {
        if (state != "stuck")
        {
            return ApiProblem.Validation("state", "Required: stuck (the only report there is).");
        }

        var stuck = await grains.GetGrain<IOrderQueryGrain>(0).ListStuckAsync(MaxStuckListed);
        return TypedResults.Ok(stuck.Select(OrderSummaryResponse.From).ToList());
    }

    /// <summary>The order, if the caller may see it: its buyer, or the administrator. Anyone else is told there is no such order.</summary>
    private static async Task<OrderView?> FindAsync(string orderId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!OrderIds.IsWellFormed(orderId))
        {
            return null;
        }

        var order = await grains.GetGrain<IOrderGrain>(orderId).GetAsync();
        return order is { IsPlaced: true } && (order.UserId == Caller.UserId(user) || Caller.IsAdmin(user)) ? order : null;
    }

    private static IResult NoSuchOrder(string orderId) => ApiProblem.NotFound($"There is no order {orderId}.");

    private static void CheckToken(string? token, Dictionary<string, string[]> errors)
    {
        if (token is not { Length: >= 1 and <= PlaceOrder.MaxPaymentTokenLength })
        {
            errors["paymentToken"] = [$"Required: 1 to {PlaceOrder.MaxPaymentTokenLength} characters."];
        }
    }

    /// <summary>Documents the optional <c>Idempotency-Key</c> header, which the endpoint reads from the headers itself.</summary>
    private static RouteHandlerBuilder TakesIdempotencyKey(this RouteHandlerBuilder builder) => builder.AddOpenApiOperationTransformer((operation, _, _) =>
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeyHeader,
            In = ParameterLocation.Header,
            Description = "One order per key and user: a repeat with the same body answers the same order; another body is `idempotency-key-reuse`.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = MaxIdempotencyKeyLength },
        });
        return Task.CompletedTask;
    });

    /// <summary>The one <c>Idempotency-Key</c> of the request, or null without one; a blank, long or repeated key is an error.</summary>
    private static string? CheckIdempotencyKey(HttpRequest request, Dictionary<string, string[]> errors)
    {
        // Read from the headers themselves: binding would drop an empty value, and an empty key is still a key sent.
        if (!request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return null;
        }

        if (values is not [{ } key] || string.IsNullOrWhiteSpace(key) || key.Length > MaxIdempotencyKeyLength || key.Any(c => char.IsControl(c) || c == ','))
        {
            // A comma is how HTTP joins repeated headers: a key with one is two keys.
            errors["Idempotency-Key"] = [$"One key of 1 to {MaxIdempotencyKeyLength} printable characters, not blank, without ','."];
            return null;
        }

        return key;
    }

    /// <summary><c>202 Accepted</c> with the order's <c>Location</c> and <c>Retry-After: 1</c>.</summary>
    private sealed class AcceptedOrder(OrderView order) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            return TypedResults.Accepted($"/api/orders/{order.OrderId}", new OrderAccepted(order.OrderId, order.Status.ToString())).ExecuteAsync(httpContext);
        }
    }
}
