using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Grains.Interfaces.Cart;
using Shop.Grains.Interfaces.Catalog;

namespace Shop.Gateway.Cart;

/// <summary>API.md, Cart: the signed-in user's own cart (checkout comes with the orders).</summary>
public static class CartEndpoints
{
    public static void MapCartEndpoints(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/cart", (ClaimsPrincipal user, IGrainFactory grains) => CartOf(user, grains).GetAsync()).WithName("GetCart")
            .Produces<CartView>();
        signedIn.MapPut("/cart/items/{sku}", SetQuantityAsync).WithName("SetCartItem")
            .Produces<CartView>().RefusesBadBodies().Refuses(StatusCodes.Status422UnprocessableEntity, ProblemCodes.UnknownSku);
        signedIn.MapDelete("/cart/items/{sku}", RemoveAsync).WithName("RemoveCartItem")
            .Produces<CartView>().Refuses(StatusCodes.Status422UnprocessableEntity, ProblemCodes.UnknownSku);
    }

    private static async Task<IResult> SetQuantityAsync(string sku, CartItemRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (body.Quantity is not { } quantity || quantity is < 0 or > ICartGrain.MaxQuantity)
        {
            return ApiProblem.Validation("quantity", $"Required: 0 (removes the line) or 1 to {ICartGrain.MaxQuantity}.");
        }

        if (!ProductRules.IsValidSku(sku))
        {
            return UnknownSku(sku);
        }

        var cart = CartOf(user, grains);
        var current = await cart.GetAsync();
        if (quantity > 0 && current.Items.Count >= ICartGrain.MaxLines && current.Items.All(i => i.Sku != sku))
        {
            return ApiProblem.Validation("sku", $"A cart holds at most {ICartGrain.MaxLines} lines.");
        }

        return TypedResults.Ok(await cart.SetQuantityAsync(sku, quantity));
    }

    /// <summary>Removing a SKU the cart does not hold is a removal already done; a text that cannot be a SKU is a mistake.</summary>
    private static async Task<IResult> RemoveAsync(string sku, ClaimsPrincipal user, IGrainFactory grains) =>
        ProductRules.IsValidSku(sku)
            ? TypedResults.Ok(await CartOf(user, grains).RemoveAsync(sku))
            : UnknownSku(sku);

    private static IResult UnknownSku(string sku) => ApiProblem.Unprocessable(ProblemCodes.UnknownSku, $"SKU {sku} does not exist or is not for sale.");

    private static ICartGrain CartOf(ClaimsPrincipal user, IGrainFactory grains) => grains.GetGrain<ICartGrain>(Caller.UserId(user));
}

public sealed record CartItemRequest(int? Quantity);
