using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;

namespace Shop.Gateway.Inventory;

/// <summary>API.md, Inventory: a SKU's availability for shoppers, and its numbers and settings for the administrator.</summary>
public static class InventoryEndpoints
{
    public const int MaxStock = 100_000_000;

    public static void MapInventoryEndpoints(this RouteGroupBuilder api, RouteGroupBuilder admin)
    {
        api.MapGet("/inventory/{sku}", GetAvailabilityAsync).WithName("GetAvailability")
            .Produces<SkuAvailability>().Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        admin.MapGet("/inventory/{sku}", GetInventoryAsync).WithName("GetInventory")
            .Produces<InventoryView>().Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        admin.MapPut("/inventory/{sku}", AdjustInventoryAsync).WithName("AdjustInventory")
            .Accepts<InventoryUpdateRequest>("application/json").Produces<InventoryView>().RefusesBadBodies()
            .Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound)
            .Refuses(StatusCodes.Status409Conflict, ProblemCodes.StockBelowReserved, ProblemCodes.PerUserLimitBelowHoldings);
    }

    private static async Task<IResult> GetAvailabilityAsync(string sku, IGrainFactory grains)
    {
        var listing = ProductRules.IsValidSku(sku) ? await grains.GetGrain<ISkuGrain>(sku).GetListingAsync() : null;
        return listing is { OnSale: true }
            ? TypedResults.Ok(new SkuAvailability(sku, listing.Available))
            : ApiProblem.NotFound($"SKU {sku} does not exist or is not for sale.");
    }

    private static async Task<IResult> GetInventoryAsync(string sku, IGrainFactory grains)
    {
        var grain = ProductRules.IsValidSku(sku) ? grains.GetGrain<ISkuGrain>(sku) : null;
        if (grain is null || await grain.GetListingAsync() is null)
        {
            return ApiProblem.NotFound($"SKU {sku} does not exist.");
        }

        return TypedResults.Ok(InventoryView.From(await grain.GetViewAsync()));
    }

    /// <summary>
    /// <c>{ stock?, perUserLimit? }</c>: an absent member is left alone, and <c>"perUserLimit": null</c> removes the limit, a
    /// difference a bound record cannot see, hence the JSON is read as it came.
    /// </summary>
    private static async Task<IResult> AdjustInventoryAsync(string sku, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (adjustment, errors) = await InventoryUpdateRequest.ReadAsync(request);
        if (adjustment is null)
        {
            return ApiProblem.Validation(errors);
        }

        var grain = ProductRules.IsValidSku(sku) ? grains.GetGrain<ISkuGrain>(sku) : null;
        if (grain is null || await grain.GetListingAsync() is null)
        {
            return ApiProblem.NotFound($"SKU {sku} does not exist.");
        }

        var actor = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "admin";
        return TypedResults.Ok(InventoryView.From(await grain.AdjustAsync(adjustment, actor)));
    }
}

public sealed record SkuAvailability(string Sku, int Available);

/// <summary>The administrator's view of a SKU (API.md: <c>{ sku, stock, reserved, sold, available, perUserLimit }</c>).</summary>
public sealed record InventoryView(string Sku, int Stock, int Reserved, int Sold, int Available, int? PerUserLimit)
{
    public static InventoryView From(SkuView view) => new(view.Sku, view.Stock, view.Reserved, view.Sold, view.Available, view.PerUserLimit);
}

/// <summary>The body of <c>PUT /api/admin/inventory/{sku}</c>, for the OpenAPI document; it is read by <see cref="ReadAsync"/>.</summary>
public sealed record InventoryUpdateRequest(int? Stock, int? PerUserLimit)
{
    public static async Task<(InventoryAdjustment? Adjustment, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            errors["body"] = ["Must be a JSON object."];
            return (null, errors);
        }

        using (body)
        {
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors["body"] = ["Must be a JSON object."];
                return (null, errors);
            }

            int? stock = null;
            var setLimit = false;
            int? limit = null;
            foreach (var member in body.RootElement.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "stock":
                        if (member.Value.ValueKind == JsonValueKind.Number && member.Value.TryGetInt32(out var s) && s is >= 0 and <= InventoryEndpoints.MaxStock)
                        {
                            stock = s;
                        }
                        else
                        {
                            errors["stock"] = [$"Must be a whole number between 0 and {InventoryEndpoints.MaxStock}."];
                        }

                        break;
                    case "perUserLimit":
                        setLimit = true;
                        if (member.Value.ValueKind == JsonValueKind.Null)
                        {
                            limit = null;
                        }
                        else if (member.Value.ValueKind == JsonValueKind.Number && member.Value.TryGetInt32(out var l) && l >= 1)
                        {
                            limit = l;
                        }
                        else
                        {
                            errors["perUserLimit"] = ["Must be a whole number of at least 1, or null for no limit."];
                        }

                        break;
                }
            }

            if (errors.Count == 0 && stock is null && !setLimit)
            {
                errors["body"] = ["Give stock, perUserLimit or both."];
            }

            return errors.Count > 0 ? (null, errors) : (new InventoryAdjustment(stock, setLimit, limit), errors);
        }
    }
}
