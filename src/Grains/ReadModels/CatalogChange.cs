namespace Shop.Grains.ReadModels;

/// <summary>
/// One change to the catalog read model: <see cref="Listing"/> upserts the product as of <see cref="Version"/>, null
/// takes it off (deleted products leave listings and search). Applied only when <see cref="Version"/> is newer
/// than what the read model holds for the product, so replays and out-of-order deliveries change nothing.
/// </summary>
public sealed record CatalogChange(long ProductId, long Version, ProductListing? Listing)
{
    public static CatalogChange Upsert(ProductListing listing) => new(listing.ProductId, listing.Version, listing);

    public static CatalogChange Remove(long productId, long version) => new(productId, version, null);
}
