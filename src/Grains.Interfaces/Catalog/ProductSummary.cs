using System.Text.Json.Serialization;

namespace Shop.Grains.Interfaces.Catalog;

/// <summary>A product as listings and search show it (API.md, <c>ProductSummary</c>); <see cref="Score"/> is set by search only.</summary>
[GenerateSerializer, Immutable, Alias("shop.ProductSummary")]
public sealed record ProductSummary(
    [property: Id(0)] long ProductId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Brand,
    [property: Id(3)] int PrimaryCategoryId,
    [property: Id(4)] Money MinPrice,
    [property: Id(5)] string? MainImageUrl,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Score = null);
