namespace Shop.Grains.Interfaces.Catalog;

[GenerateSerializer, Immutable, Alias("shop.ProductImage")]
public sealed record ProductImage(
    [property: Id(0)] string Url,
    [property: Id(1)] bool Main);
