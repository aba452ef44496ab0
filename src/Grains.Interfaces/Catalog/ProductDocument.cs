using System.Text.Json.Serialization;

namespace Shop.Grains.Interfaces.Catalog;

/// <summary>One product as the catalog keeps it: a single document with free-form attributes and its variants (API.md, Catalog).</summary>
[GenerateSerializer, Immutable, Alias("shop.ProductDocument")]
public sealed record ProductDocument(
    [property: Id(0)] string Title,
    [property: Id(1)] string Description,
    [property: Id(2)] string Brand,
    [property: Id(3)] string Model,
    [property: Id(4)] IReadOnlyList<int> CategoryIds,
    [property: Id(5)] int PrimaryCategoryId,
    [property: Id(6)] IReadOnlyDictionary<string, string> Attributes,
    [property: Id(7)] IReadOnlyList<ProductImage> Images,
    [property: Id(8)] IReadOnlyList<ProductVariant> Variants)
{
    /// <summary>The lowest variant price (in the first variant's currency), which listings show and price filters compare.</summary>
    [JsonIgnore]
    public Money MinPrice => Variants.Select(v => v.Price).Where(p => p.Currency == Variants[0].Price.Currency).MinBy(p => p.Amount)!;

    [JsonIgnore]
    public string? MainImageUrl => (Images.FirstOrDefault(i => i.Main) ?? Images.FirstOrDefault())?.Url;

    [JsonIgnore]
    public IEnumerable<string> Skus => Variants.Select(v => v.Sku);
}
