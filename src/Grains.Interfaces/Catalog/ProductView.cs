namespace Shop.Grains.Interfaces.Catalog;

/// <summary>
/// A product as a shopper sees it: the product and, for each variant in the document's order, the units that can be
/// ordered (0 for a variant off sale). The units are at most <c>Shop:Catalog:AvailabilityFreshness</c> old; a reservation
/// always checks the SKU itself. <see cref="Version"/> grows with every change of the product, so two views of one product
/// with the same version and the same units show the same thing.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.ProductView")]
public sealed record ProductView(
    [property: Id(0)] ProductDetails Product,
    [property: Id(1)] int Version,
    [property: Id(2)] IReadOnlyList<int> Available)
{
    public bool ShowsTheSameAs(ProductView other) =>
        Product.ProductId == other.Product.ProductId
        && Version == other.Version
        && (ReferenceEquals(Available, other.Available) || Available.SequenceEqual(other.Available));
}
