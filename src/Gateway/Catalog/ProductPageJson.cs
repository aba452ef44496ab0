using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Catalog;

namespace Shop.Gateway.Catalog;

/// <summary>
/// The JSON of <c>GET /api/products/{id}</c>, kept per product for as long as the product shows the same (the same version
/// and the same units available), so that a hot product is serialized once per change rather than once per shopper. The
/// table is bounded: a product's page takes the slot of its id, and a product landing on the slot replaces it.
/// </summary>
public sealed class ProductPageJson(IOptions<JsonOptions> json)
{
    public const string ContentType = "application/json; charset=utf-8";

    private const int Slots = 4096;

    private readonly Page?[] _pages = new Page?[Slots];
    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;

    public byte[] Of(ProductView view)
    {
        ref var slot = ref _pages[view.Product.ProductId & (Slots - 1)];
        if (Volatile.Read(ref slot) is { } kept && kept.View.ShowsTheSameAs(view))
        {
            return kept.Json;
        }

        var page = new Page(view, JsonSerializer.SerializeToUtf8Bytes(ProductResponse.From(view), _options));
        Volatile.Write(ref slot, page);
        return page.Json;
    }

    private sealed record Page(ProductView View, byte[] Json);
}
