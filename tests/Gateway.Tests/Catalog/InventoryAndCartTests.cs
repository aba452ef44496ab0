using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Gateway.Tests.Hosting;
using Shop.Grains.Interfaces.Inventory;
using static Shop.Gateway.Tests.Catalog.CatalogApi;

namespace Shop.Gateway.Tests.Catalog;

/// <summary>API.md, Inventory and Cart: availability for shoppers, the administrator's numbers, and a user's own cart.</summary>
public abstract class InventoryAndCartTests<TShop>(TShop shop) where TShop : ShopApiFactory
{
    protected TShop Shop { get; } = shop;

    [Fact]
    public async Task Shoppers_see_availability_and_the_administrator_sees_the_numbers()
    {
        var sku = await NewSkuOnSaleAsync(stock: 10, price: 5000m);
        await Shop.Grains.GetGrain<ISkuGrain>(sku).ReserveAsync("order-1", "someone", 3);

        var shopper = await Shop.CreateApiClient().GetFromJsonAsync<JsonElement>($"/api/inventory/{sku}");
        Assert.Equal((sku, 7), (shopper.GetProperty("sku").GetString(), shopper.GetProperty("available").GetInt32()));
        Assert.False(shopper.TryGetProperty("stock", out _));

        using var admin = await Shop.AdminClientAsync();
        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/inventory/{sku}");
        Assert.Equal((10, 3, 0, 7), (view.GetProperty("stock").GetInt32(), view.GetProperty("reserved").GetInt32(), view.GetProperty("sold").GetInt32(), view.GetProperty("available").GetInt32()));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("perUserLimit").ValueKind);

        await ProblemAssert.IsAsync(await Shop.CreateApiClient().GetAsync("/api/inventory/NO-SUCH-SKU"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsAsync(await admin.GetAsync("/api/admin/inventory/NO-SUCH-SKU"), HttpStatusCode.NotFound, "not-found");
        var (_, user) = await Shop.NewUserClientAsync();
        using (user)
        {
            await ProblemAssert.IsAsync(await user.GetAsync($"/api/admin/inventory/{sku}"), HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Fact]
    public async Task The_administrator_sets_stock_and_limit_together_and_never_below_what_is_reserved()
    {
        var sku = await NewSkuOnSaleAsync(stock: 10, price: 5000m);
        await Shop.Grains.GetGrain<ISkuGrain>(sku).ReserveAsync("order-1", "someone", 4);
        using var admin = await Shop.AdminClientAsync();

        var set = await admin.PutAsJsonAsync($"/api/admin/inventory/{sku}", new { stock = 25, perUserLimit = 5 });
        var view = await set.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal((25, 4, 21, 5), (view.GetProperty("stock").GetInt32(), view.GetProperty("reserved").GetInt32(), view.GetProperty("available").GetInt32(), view.GetProperty("perUserLimit").GetInt32()));

        // Stock below the reserved units: refused, and the limit given with it is not applied either.
        await ProblemAssert.IsAsync(await admin.PutAsJsonAsync($"/api/admin/inventory/{sku}", new { stock = 3, perUserLimit = 9 }), HttpStatusCode.Conflict, "stock-below-reserved");
        view = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/inventory/{sku}");
        Assert.Equal((25, 5), (view.GetProperty("stock").GetInt32(), view.GetProperty("perUserLimit").GetInt32()));

        // An explicit null removes the limit; leaving it out keeps it.
        await admin.PutAsJsonAsync($"/api/admin/inventory/{sku}", new { stock = 30 });
        Assert.Equal(5, (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/inventory/{sku}")).GetProperty("perUserLimit").GetInt32());
        await admin.PutAsync($"/api/admin/inventory/{sku}", Json("{\"perUserLimit\": null}"));
        Assert.Equal(JsonValueKind.Null, (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/inventory/{sku}")).GetProperty("perUserLimit").ValueKind);

        await ProblemAssert.IsValidationOfAsync(await admin.PutAsync($"/api/admin/inventory/{sku}", Json("{\"stock\": -1}")), "stock");
        await ProblemAssert.IsValidationOfAsync(await admin.PutAsync($"/api/admin/inventory/{sku}", Json("{\"stock\": \"ten\"}")), "stock");
        await ProblemAssert.IsValidationOfAsync(await admin.PutAsync($"/api/admin/inventory/{sku}", Json("{\"perUserLimit\": 0}")), "perUserLimit");
        await ProblemAssert.IsValidationOfAsync(await admin.PutAsync($"/api/admin/inventory/{sku}", Json("{}")), "body");
        await ProblemAssert.IsValidationOfAsync(await admin.PutAsync($"/api/admin/inventory/{sku}", Json("[1,")), "body");
        await ProblemAssert.IsAsync(await admin.PutAsJsonAsync("/api/admin/inventory/NO-SUCH-SKU", new { stock = 1 }), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_cart_shows_each_line_with_its_live_price_and_availability_and_the_total()
    {
        var (shoes, socks) = (await NewSkuOnSaleAsync(stock: 5, price: 120000m), await NewSkuOnSaleAsync(stock: 100, price: 3500m));
        var (_, user) = await Shop.NewUserClientAsync();
        using var _ = user;

        await user.PutAsJsonAsync($"/api/cart/items/{shoes}", new { quantity = 1 });
        var cart = await (await user.PutAsJsonAsync($"/api/cart/items/{socks}", new { quantity = 4 })).Content.ReadFromJsonAsync<JsonElement>();

        var lines = cart.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([shoes, socks], lines.Select(l => l.GetProperty("sku").GetString()));
        Assert.Equal(5, lines[0].GetProperty("available").GetInt32());
        Assert.Equal(3500m, lines[1].GetProperty("unitPrice").GetProperty("amount").GetDecimal());
        Assert.Equal(134000m, cart.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal("KRW", cart.GetProperty("total").GetProperty("currency").GetString());

        // Someone else's reservation shows in the cart at once.
        await Shop.Grains.GetGrain<ISkuGrain>(shoes).ReserveAsync("order-x", "another-user", 2);
        cart = await user.GetFromJsonAsync<JsonElement>("/api/cart");
        Assert.Equal(3, cart.GetProperty("items")[0].GetProperty("available").GetInt32());

        cart = await (await user.PutAsJsonAsync($"/api/cart/items/{socks}", new { quantity = 2 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(127000m, cart.GetProperty("total").GetProperty("amount").GetDecimal());
        cart = await (await user.PutAsJsonAsync($"/api/cart/items/{socks}", new { quantity = 0 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Single(cart.GetProperty("items").EnumerateArray());
        cart = await (await user.DeleteAsync($"/api/cart/items/{shoes}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(0m, cart.GetProperty("total").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_cart_is_its_users_own_and_needs_a_signed_in_user()
    {
        var sku = await NewSkuOnSaleAsync(stock: 5, price: 1000m);
        var (_, first) = await Shop.NewUserClientAsync();
        var (_, second) = await Shop.NewUserClientAsync();
        using var a = first;
        using var b = second;

        await first.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 2 });

        Assert.Empty((await second.GetFromJsonAsync<JsonElement>("/api/cart")).GetProperty("items").EnumerateArray());
        Assert.Single((await first.GetFromJsonAsync<JsonElement>("/api/cart")).GetProperty("items").EnumerateArray());
        await ProblemAssert.IsAsync(await Shop.CreateApiClient().GetAsync("/api/cart"), HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsAsync(await Shop.CreateApiClient().PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 1 }), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_cart_refuses_unknown_SKUs_and_bad_quantities()
    {
        var sku = await NewSkuOnSaleAsync(stock: 5, price: 1000m);
        var (_, user) = await Shop.NewUserClientAsync();
        using var _ = user;

        await ProblemAssert.IsAsync(await user.PutAsJsonAsync("/api/cart/items/NO-SUCH-SKU", new { quantity = 1 }), HttpStatusCode.UnprocessableEntity, "unknown-sku");
        await ProblemAssert.IsValidationOfAsync(await user.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 1001 }), "quantity");
        await ProblemAssert.IsValidationOfAsync(await user.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = -1 }), "quantity");
        await ProblemAssert.IsValidationOfAsync(await user.PutAsJsonAsync($"/api/cart/items/{sku}", new { }), "quantity");
        await ProblemAssert.IsAsync(await user.PutAsync($"/api/cart/items/{sku}", Json("{\"quantity\": \"two\"}")), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Empty((await user.GetFromJsonAsync<JsonElement>("/api/cart")).GetProperty("items").EnumerateArray());
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private async Task<string> NewSkuOnSaleAsync(int stock, decimal price)
    {
        using var admin = await Shop.AdminClientAsync();
        var category = await CreateCategoryAsync(admin, "Inventory");
        var sku = NewSku();
        await CreateProductAsync(admin, Product("Item " + sku, "Brand", [category], (sku, price, stock)));
        return sku;
    }
}

public sealed class InventoryAndCartOnSqlite(SqliteShop shop) : InventoryAndCartTests<SqliteShop>(shop), IClassFixture<SqliteShop>;

public sealed class InventoryAndCartOnMySql(MySqlShop shop) : InventoryAndCartTests<MySqlShop>(shop), IClassFixture<MySqlShop>;
