namespace Shop.Grains.Catalog;

/// <summary>The catalog's options (<c>Shop:Catalog</c>).</summary>
public sealed class CatalogOptions
{
    public const string Section = "Shop:Catalog";

    /// <summary>
    /// How old the availability on a product page may be. Default 1 second. A product keeps its SKUs' availability for
    /// this long, so that however many shoppers read a hot product, its SKU grains are asked once per interval and each
    /// read is one call to the product. A reservation never relies on it. Zero asks the SKUs on every read.
    /// </summary>
    public TimeSpan AvailabilityFreshness { get; set; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        if (AvailabilityFreshness < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:{nameof(AvailabilityFreshness)} is {AvailabilityFreshness}; it must not be negative.");
        }
    }
}
