namespace Shop.Grains.Interfaces.Catalog;

/// <summary>
/// A sellable variant of a product: its SKU (unique across the catalog) and price. <see cref="InitialStock"/> and
/// <see cref="PerUserLimit"/> set up the SKU's inventory when the SKU first joins the catalog; later stock changes go
/// through the inventory, not the product.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.ProductVariant")]
public sealed record ProductVariant(
    [property: Id(0)] string Sku,
    [property: Id(1)] Money Price,
    [property: Id(2)] IReadOnlyDictionary<string, string> Attributes,
    [property: Id(3)] int InitialStock,
    [property: Id(4)] int? PerUserLimit);
