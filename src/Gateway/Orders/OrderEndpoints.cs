using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Shop.Gateway.Catalog;
using Shop.Grains.Interfaces.Cart;
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
    public const int MaxStuckListed = 200;

    public static void MapOrderEndpoints(this RouteGroupBuilder signedIn, RouteGroupBuilder admin)
    {
        signedIn.MapPost("/orders", PlaceAsync).WithName("PlaceOrder").RequireRateLimiting(Hardening.GatewayHardening.OrdersPolicy);
        signedIn.MapGet("/orders", ListAsync).WithName("ListOrders");
        signedIn.MapGet("/orders/{orderId}", GetAsync).WithName("GetOrder");
        signedIn.MapPost("/orders/{orderId}/cancel", CancelAsync).WithName("CancelOrder");
        signedIn.MapPost("/cart/checkout", CheckoutAsync).WithName("CheckoutCart").RequireRateLimiting(Hardening.GatewayHardening.OrdersPolicy);
        admin.MapGet("/sagas", ListSagasAsync).WithName("ListSagas");
    }

    private static async Task<IResult> PlaceAsync(
        OrderRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        IGrainFactory grains)
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
        CheckIdempotencyKey(idempotencyKey, errors);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        return await AcceptAsync(new PlaceOrder(Caller.UserId(user), lines, body.PaymentToken!), idempotencyKey, grains);
    }

    private static async Task<IResult> CheckoutAsync(
        CheckoutRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckToken(body.PaymentToken, errors);
        CheckIdempotencyKey(idempotencyKey, errors);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        var cart = grains.GetGrain<ICartGrain>(Caller.UserId(user));
        var content = await cart.GetAsync();
        if (content.Items.Count == 0)
        {
            return ApiProblem.Validation("items", "The cart is empty.");
        }

        var result = await AcceptAsync(new PlaceOrder(Caller.UserId(user), [.. content.Items.Select(i => new OrderLine(i.Sku, i.Quantity))], body.PaymentToken!), idempotencyKey, grains);
        await cart.ClearAsync();
        return result;
    }

    private static async Task<IResult> AcceptAsync(PlaceOrder order, string? idempotencyKey, IGrainFactory grains)
    {
        var placed = idempotencyKey is null
            ? await grains.GetGrain<IOrderGrain>(OrderIds.New()).PlaceAsync(order)
            : await grains.GetGrain<IOrderPlacementGrain>(IOrderPlacementGrain.KeyOf(order.UserId, idempotencyKey)).PlaceAsync(order);
        return new AcceptedOrder(placed);
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

    private static void CheckIdempotencyKey(string? key, Dictionary<string, string[]> errors)
    {
        if (key is not null && (key.Length is < 1 or > MaxIdempotencyKeyLength || key.Any(char.IsControl)))
        {
            errors["Idempotency-Key"] = [$"1 to {MaxIdempotencyKeyLength} printable characters."];
        }
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
