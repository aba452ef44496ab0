using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Gateway.Tests.Hosting;
using Shop.Grains.Interfaces.Inventory;
using Shop.TestKit;
using static Shop.Gateway.Tests.Catalog.CatalogApi;

namespace Shop.Gateway.Tests.Catalog;

/// <summary>
/// A product page is one call to the product: the product keeps its SKUs' availability for
/// <c>Shop:Catalog:AvailabilityFreshness</c>, so a hot product's SKUs are not asked once per shopper.
/// </summary>
public sealed class ProductAvailabilityTests
{
    [Fact]
    public async Task However_many_shoppers_read_a_product_its_skus_are_asked_once_per_interval()
    {
        var listings = new GrainCallCounter(nameof(ISkuGrain.GetListingAsync));
        await using var shop = new ShopApiFactory(ShopStorage.Sqlite)
            .WithSetting("Shop:Catalog:AvailabilityFreshness", "01:00:00")
            .WithServices(s => s.AddSingleton<Orleans.IIncomingGrainCallFilter>(listings));
        await shop.StartAsync();
        using var admin = await shop.AdminClientAsync();
        var (sku1, sku2) = (NewSku(), NewSku());
        var product = Product("Hot", "Brand", [await CreateCategoryAsync(admin, "Hot")], (sku1, 1000m, 10), (sku2, 1000m, 4));
        var productId = await CreateProductAsync(admin, product);
        var askedAtCreation = listings.Count;

        using var client = shop.CreateApiClient();
        var pages = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => client.GetFromJsonAsync<JsonElement>($"/api/products/{productId}")));

        Assert.All(pages, page => Assert.Equal((10, 4), (Available(page, sku1), Available(page, sku2))));
        Assert.Equal(2, askedAtCreation);
        Assert.Equal(askedAtCreation, listings.Count);

        // Within the interval the page keeps what it read; the reservation itself asked the SKU.
        await shop.Grains.GetGrain<ISkuGrain>(sku1).ReserveAsync("order-1", "someone", 3);
        Assert.Equal(10, Available(await client.GetFromJsonAsync<JsonElement>($"/api/products/{productId}"), sku1));

        // A change of the product is a new page at once, with availability read afresh.
        var replaced = await admin.PutAsJsonAsync($"/api/admin/products/{productId}", product);
        Assert.Equal(7, Available(await replaced.Content.ReadFromJsonAsync<JsonElement>(), sku1));
        Assert.Equal(7, Available(await client.GetFromJsonAsync<JsonElement>($"/api/products/{productId}"), sku1));
        Assert.Equal(askedAtCreation + 2, listings.Count);
    }

    [Fact]
    public async Task By_default_a_reservation_shows_on_the_product_page_within_a_second()
    {
        await using var shop = new ShopApiFactory(ShopStorage.Sqlite);
        await shop.StartAsync();
        using var admin = await shop.AdminClientAsync();
        var sku = NewSku();
        var productId = await CreateProductAsync(admin, Product("Selling", "Brand", [await CreateCategoryAsync(admin, "Selling")], (sku, 1000m, 10)));
        using var client = shop.CreateApiClient();
        Assert.Equal(10, Available(await client.GetFromJsonAsync<JsonElement>($"/api/products/{productId}"), sku));

        await shop.Grains.GetGrain<ISkuGrain>(sku).ReserveAsync("order-1", "someone", 3);

        await Eventually.HoldsAsync("the product page shows the reservation", TimeSpan.FromSeconds(30),
            async () => Available(await client.GetFromJsonAsync<JsonElement>($"/api/products/{productId}"), sku) == 7);
    }

    private static int Available(JsonElement page, string sku) =>
        page.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("sku").GetString() == sku).GetProperty("available").GetInt32();
}
