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
        signedIn.MapGet("/cart", (ClaimsPrincipal user, IGrainFactory grains) => CartOf(user, grains).GetAsync()).WithName("GetCart");
        signedIn.MapPut("/cart/items/{sku}", SetQuantityAsync).WithName("SetCartItem");
        signedIn.MapDelete("/cart/items/{sku}", (string sku, ClaimsPrincipal user, IGrainFactory grains) => CartOf(user, grains).RemoveAsync(sku)).WithName("RemoveCartItem");
    }

    private static async Task<IResult> SetQuantityAsync(string sku, CartItemRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (body.Quantity is not { } quantity || quantity is < 0 or > ICartGrain.MaxQuantity)
        {
            return ApiProblem.Validation("quantity", $"Required: 0 (removes the line) or 1 to {ICartGrain.MaxQuantity}.");
        }

        if (!ProductRules.IsValidSku(sku))
        {
            return ApiProblem.Unprocessable(ProblemCodes.UnknownSku, $"SKU {sku} does not exist or is not for sale.");
        }

        var cart = CartOf(user, grains);
        var current = await cart.GetAsync();
        if (quantity > 0 && current.Items.Count >= ICartGrain.MaxLines && current.Items.All(i => i.Sku != sku))
        {
            return ApiProblem.Validation("sku", $"A cart holds at most {ICartGrain.MaxLines} lines.");
        }

        return TypedResults.Ok(await cart.SetQuantityAsync(sku, quantity));
    }

    private static ICartGrain CartOf(ClaimsPrincipal user, IGrainFactory grains) => grains.GetGrain<ICartGrain>(Caller.UserId(user));
}

public sealed record CartItemRequest(int? Quantity);
