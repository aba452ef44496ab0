using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Shop.Gateway.Catalog;
using Shop.Grains.Interfaces.Catalog;

namespace Shop.Gateway.Tests.Catalog;

public sealed class ProductPageJsonTests
{
    private static readonly ProductPageJson Pages = new(Options.Create(new JsonOptions { SerializerOptions = { PropertyNamingPolicy = JsonNamingPolicy.CamelCase } }));

    [Fact]
    public void A_product_showing_the_same_is_serialized_once_and_any_change_makes_a_new_page()
    {
        var first = Pages.Of(View(productId: 7, version: 3, available: 5));

        Assert.Same(first, Pages.Of(View(productId: 7, version: 3, available: 5)));

        var fewerUnits = Pages.Of(View(productId: 7, version: 3, available: 4));
        Assert.Equal(4, AvailableIn(fewerUnits));

        var newVersion = Pages.Of(View(productId: 7, version: 4, available: 4, title: "Renamed"));
        Assert.NotSame(fewerUnits, newVersion);
        Assert.Equal("Renamed", JsonDocument.Parse(newVersion).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void Products_sharing_a_slot_never_get_each_others_page()
    {
        var (one, other) = (View(productId: 11, version: 1, available: 1), View(productId: 11 + 4096, version: 1, available: 2));

        Assert.Equal(1, AvailableIn(Pages.Of(one)));
        Assert.Equal(2, AvailableIn(Pages.Of(other)));
        Assert.Equal(1, AvailableIn(Pages.Of(one)));
        Assert.Equal(11 + 4096, JsonDocument.Parse(Pages.Of(other)).RootElement.GetProperty("productId").GetInt64());
    }

    private static int AvailableIn(byte[] json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("variants")[0].GetProperty("available").GetInt32();

    private static ProductView View(long productId, int version, int available, string title = "Runner")
    {
        var variant = new ProductVariant("SKU-1", new Money(1000m, "KRW"), new Dictionary<string, string>(), 10, null);
        var document = new ProductDocument(title, "", "Brand", "M-1", [1], 1, new Dictionary<string, string>(), [], [variant]);
        var at = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        return new ProductView(new ProductDetails(productId, document, at, at, []), version, [available]);
    }
}
