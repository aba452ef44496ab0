using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Gateway.Tests.Hosting;
using static Shop.Gateway.Tests.Catalog.CatalogApi;

namespace Shop.Gateway.Tests.Catalog;

/// <summary>API.md, Catalog: the category tree, products and their SKUs, listings by category, deletion and warming.</summary>
public abstract class CatalogTests<TShop>(TShop shop) where TShop : ShopApiFactory
{
    protected TShop Shop { get; } = shop;

    [Fact]
    public async Task Categories_get_their_level_and_path_from_their_parent()
    {
        using var admin = await Shop.AdminClientAsync();
        var root = await CreateCategoryAsync(admin, "패션");
        var child = await CreateCategoryAsync(admin, "신발", root);
        var grandchild = await CreateCategoryAsync(admin, "운동화", child);

        var categories = await Shop.CreateApiClient().GetFromJsonAsync<JsonElement>("/api/categories");
        var byId = categories.EnumerateArray().ToDictionary(c => c.GetProperty("categoryId").GetInt32());
        Assert.Equal(0, byId[root].GetProperty("level").GetInt32());
        Assert.Equal(JsonValueKind.Null, byId[root].GetProperty("parentId").ValueKind);
        Assert.Equal($"{root}", byId[root].GetProperty("path").GetString());
        Assert.Equal(2, byId[grandchild].GetProperty("level").GetInt32());
        Assert.Equal(child, byId[grandchild].GetProperty("parentId").GetInt32());
        Assert.Equal($"{root}/{child}/{grandchild}", byId[grandchild].GetProperty("path").GetString());
        Assert.Equal("운동화", byId[grandchild].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_category_needs_a_name_and_an_existing_parent()
    {
        using var admin = await Shop.AdminClientAsync();
        await ProblemAssert.IsValidationOfAsync(await admin.PostAsJsonAsync("/api/admin/categories", new { name = "" }), "name");
        await ProblemAssert.IsValidationOfAsync(await admin.PostAsJsonAsync("/api/admin/categories", new { name = new string('x', 101) }), "name");
        await ProblemAssert.IsValidationOfAsync(await admin.PostAsJsonAsync("/api/admin/categories", new { name = "orphan", parentId = 987654 }), "parentId");
    }

    [Fact]
    public async Task Only_the_administrator_changes_the_catalog()
    {
        var (_, user) = await Shop.NewUserClientAsync();
        using (user)
        {
            await ProblemAssert.IsAsync(await user.PostAsJsonAsync("/api/admin/categories", new { name = "x" }), HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsAsync(await user.DeleteAsync("/api/admin/products/1"), HttpStatusCode.Forbidden, "forbidden");
        }

        await ProblemAssert.IsAsync(await Shop.CreateApiClient().PostAsJsonAsync("/api/admin/products", new { title = "x" }), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_created_product_is_served_with_breadcrumbs_and_live_availability()
    {
        using var admin = await Shop.AdminClientAsync();
        var root = await CreateCategoryAsync(admin, "Sports");
        var leaf = await CreateCategoryAsync(admin, "Running", root);
        var (sku1, sku2) = (NewSku(), NewSku());

        var response = await admin.PostAsJsonAsync("/api/admin/products", Product("Air Runner 운동화", "Nike", [leaf, root], (sku1, 129000m, 7), (sku2, 139000m, 0)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var productId = created.GetProperty("productId").GetInt64();
        Assert.Equal($"/api/products/{productId}", response.Headers.Location?.OriginalString);

        var product = await Shop.CreateApiClient().GetFromJsonAsync<JsonElement>($"/api/products/{productId}");
        Assert.Equal("Air Runner 운동화", product.GetProperty("title").GetString());
        Assert.Equal("mesh", product.GetProperty("attributes").GetProperty("material").GetString());
        Assert.Equal([root, leaf], product.GetProperty("categoryBreadcrumbs").EnumerateArray().Select(c => c.GetProperty("categoryId").GetInt32()));
        var variants = product.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("sku").GetString()!);
        Assert.Equal(7, variants[sku1].GetProperty("available").GetInt32());
        Assert.Equal(129000m, variants[sku1].GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal(0, variants[sku2].GetProperty("available").GetInt32());
        Assert.True(product.TryGetProperty("createdAt", out _) && product.TryGetProperty("updatedAt", out _));

        // The SKUs' inventory was created with the product.
        var inventory = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/inventory/{sku1}");
        Assert.Equal(7, inventory.GetProperty("stock").GetInt32());
        Assert.Equal(0, inventory.GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task An_invalid_product_is_refused_field_by_field_and_nothing_is_created()
    {
        using var admin = await Shop.AdminClientAsync();
        var category = await CreateCategoryAsync(admin, "Misc");
        var sku = NewSku();

        await ProblemAssert.IsValidationOfAsync(await admin.PostAsJsonAsync("/api/admin/products", Product("", "b", [category], (sku, 1m, 1))), "title");
        await ProblemAssert.IsValidationOfAsync(await admin.PostAsJsonAsync("/api/admin/products", Product("t", "b", [category])), "variants");
        await ProblemAssert.IsValidationOfAsync(await admin.PostAsJsonAsync("/api/admin/products", Product("t", "b", [category], ("bad sku!", 1m, 1))), "variants[0].sku");
        await ProblemAssert.IsValidationOfAsync(await admin.PostAsJsonAsync("/api/admin/products", Product("t", "b", [category], (sku, -5m, 1))), "variants[0].price.amount");
        await ProblemAssert.IsValidationOfAsync(await admin.PostAsJsonAsync("/api/admin/products", Product("t", "b", [category], (sku, 1m, -1))), "variants[0].initialStock");
        await ProblemAssert.IsValidationOfAsync(await admin.PostAsJsonAsync("/api/admin/products", Product("t", "b", [987654], (sku, 1m, 1))), "categoryIds");
        await ProblemAssert.IsAsync(await admin.PostAsync("/api/admin/products", JsonContent("{\"title\": 5, ")), HttpStatusCode.BadRequest, "validation-failed");

        // None of those claimed the SKU: a valid product takes it.
        await CreateProductAsync(admin, Product("t", "b", [category], (sku, 1m, 1)));
    }

    [Fact]
    public async Task A_SKU_belongs_to_one_product_and_a_refused_product_leaves_its_other_SKUs_free()
    {
        using var admin = await Shop.AdminClientAsync();
        var category = await CreateCategoryAsync(admin, "Shoes");
        var (taken, free) = (NewSku(), NewSku());
        await CreateProductAsync(admin, Product("First", "A", [category], (taken, 1000m, 5)));

        var refused = await admin.PostAsJsonAsync("/api/admin/products", Product("Second", "B", [category], (free, 2000m, 5), (taken, 2000m, 5)));

        var problem = await ProblemAssert.IsAsync(refused, HttpStatusCode.Conflict, "sku-taken");
        Assert.Contains(taken, problem.GetProperty("detail").GetString());
        await ProblemAssert.IsAsync(await Shop.CreateApiClient().GetAsync($"/api/inventory/{free}"), HttpStatusCode.NotFound, "not-found");
        var first = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/inventory/{taken}");
        Assert.Equal(5, first.GetProperty("stock").GetInt32());

        // The SKU the refused product had claimed for a moment is free again, and the taken one kept its price.
        await CreateProductAsync(admin, Product("Third", "C", [category], (free, 3000m, 2)));
        Assert.Equal(2, (await Shop.CreateApiClient().GetFromJsonAsync<JsonElement>($"/api/inventory/{free}")).GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task Replacing_a_product_changes_prices_and_SKUs_but_not_stock()
    {
        using var admin = await Shop.AdminClientAsync();
        var category = await CreateCategoryAsync(admin, "Bags");
        var (kept, dropped, added) = (NewSku(), NewSku(), NewSku());
        var productId = await CreateProductAsync(admin, Product("Tote", "Maison", [category], (kept, 50000m, 10), (dropped, 60000m, 10)));

        var response = await admin.PutAsJsonAsync($"/api/admin/products/{productId}", Product("Tote bag", "Maison", [category], (kept, 45000m, 999), (added, 70000m, 3)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var product = await Shop.CreateApiClient().GetFromJsonAsync<JsonElement>($"/api/products/{productId}");
        Assert.Equal("Tote bag", product.GetProperty("title").GetString());
        var variants = product.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("sku").GetString()!);
        Assert.Equal(new[] { kept, added }.Order(), variants.Keys.Order());
        Assert.Equal(10, variants[kept].GetProperty("available").GetInt32());
        Assert.Equal(3, variants[added].GetProperty("available").GetInt32());
        await ProblemAssert.IsAsync(await Shop.CreateApiClient().GetAsync($"/api/inventory/{dropped}"), HttpStatusCode.NotFound, "not-found");

        // The price a cart shows is the new one.
        var (_, user) = await Shop.NewUserClientAsync();
        using (user)
        {
            var cart = await (await user.PutAsJsonAsync($"/api/cart/items/{kept}", new { quantity = 1 })).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(45000m, cart.GetProperty("items")[0].GetProperty("unitPrice").GetProperty("amount").GetDecimal());
        }

        await ProblemAssert.IsAsync(await admin.PutAsJsonAsync("/api/admin/products/987654321", Product("x", "y", [category], (NewSku(), 1m, 1))), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_deleted_product_is_gone_from_reads_listings_search_and_carts()
    {
        using var admin = await Shop.AdminClientAsync();
        var category = await CreateCategoryAsync(admin, "Deletions");
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var sku = NewSku();
        var productId = await CreateProductAsync(admin, Product($"Lamp {word}", "Lumen", [category], (sku, 30000m, 4)));
        using var anonymous = Shop.CreateApiClient();
        await EventuallyAsync(anonymous, $"/api/search?q={word}", (ids, _) => ids.Contains(productId));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/products/{productId}")).StatusCode);

        await ProblemAssert.IsAsync(await anonymous.GetAsync($"/api/products/{productId}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsAsync(await anonymous.GetAsync($"/api/inventory/{sku}"), HttpStatusCode.NotFound, "not-found");
        var (_, user) = await Shop.NewUserClientAsync();
        using (user)
        {
            await ProblemAssert.IsAsync(await user.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 1 }), HttpStatusCode.UnprocessableEntity, "unknown-sku");
        }

        await EventuallyAsync(anonymous, $"/api/search?q={word}", (ids, total) => ids.Length == 0 && total == 0);
        await EventuallyAsync(anonymous, $"/api/categories/{category}/products", (ids, total) => total == 0);
        await ProblemAssert.IsAsync(await admin.DeleteAsync($"/api/admin/products/{productId}"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_listing_follows_the_path_with_or_without_descendants_and_pages()
    {
        using var admin = await Shop.AdminClientAsync();
        var root = await CreateCategoryAsync(admin, "Electronics");
        var laptops = await CreateCategoryAsync(admin, "Laptops", root);
        var gaming = await CreateCategoryAsync(admin, "Gaming laptops", laptops);
        var phones = await CreateCategoryAsync(admin, "Phones", root);
        var inLaptops = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            inLaptops.Add(await CreateProductAsync(admin, Product($"Laptop {i}", "Lenovo", [laptops], (NewSku(), 1_000_000m + i, 1))));
        }

        var inGaming = await CreateProductAsync(admin, Product("Gaming laptop", "ASUS", [gaming], (NewSku(), 2_000_000m, 1)));
        var inPhones = await CreateProductAsync(admin, Product("Phone", "Samsung", [phones, laptops], (NewSku(), 900_000m, 1)));
        using var client = Shop.CreateApiClient();

        var all = await EventuallyAsync(client, $"/api/categories/{root}/products?includeDescendants=true&pageSize=100", (_, total) => total == 5);
        Assert.Equal(inLaptops.Append(inGaming).Append(inPhones).Order(), all.Ids.Order());
        var own = await EventuallyAsync(client, $"/api/categories/{laptops}/products?includeDescendants=false", (_, total) => total == 4);
        Assert.Equal(inLaptops.Append(inPhones).Order(), own.Ids.Order());
        Assert.Equal(0, (await PageAsync(client, $"/api/categories/{root}/products?includeDescendants=false")).Total);

        var first = await PageAsync(client, $"/api/categories/{root}/products?page=1&pageSize=2");
        var third = await PageAsync(client, $"/api/categories/{root}/products?page=3&pageSize=2");
        Assert.Equal((2, 5L), (first.Ids.Length, first.Total));
        Assert.Single(third.Ids);
        var summary = first.Body.GetProperty("items")[0];
        Assert.True(summary.TryGetProperty("minPrice", out _) && summary.TryGetProperty("mainImageUrl", out _) && summary.TryGetProperty("primaryCategoryId", out _));

        await ProblemAssert.IsAsync(await client.GetAsync("/api/categories/987654/products"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsValidationOfAsync(await client.GetAsync($"/api/categories/{root}/products?pageSize=0"), "pageSize");
        await ProblemAssert.IsValidationOfAsync(await client.GetAsync($"/api/categories/{root}/products?page=0"), "page");
    }

    [Fact]
    public async Task Warming_up_answers_202_and_refuses_what_is_not_a_SKU()
    {
        using var admin = await Shop.AdminClientAsync();
        var category = await CreateCategoryAsync(admin, "Warm");
        var sku = NewSku();
        var productId = await CreateProductAsync(admin, Product("Warm", "W", [category], (sku, 1m, 1)));

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/api/admin/warmup", new { productIds = new[] { productId, 987654321L }, skus = new[] { sku } })).StatusCode);
        await ProblemAssert.IsValidationOfAsync(await admin.PostAsJsonAsync("/api/admin/warmup", new { skus = new[] { "not a sku" } }), "skus");
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed class CatalogOnSqlite(SqliteShop shop) : CatalogTests<SqliteShop>(shop), IClassFixture<SqliteShop>;

public sealed class CatalogOnMySql(MySqlShop shop) : CatalogTests<MySqlShop>(shop), IClassFixture<MySqlShop>;
