using System.Globalization;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.ReadModels;

namespace Shop.ReadModels.Tests;

/// <summary>Catalog changes as the projection sends them, with defaults for what a test does not care about.</summary>
internal static class Listings
{
    public static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// An upsert of product <paramref name="id"/> at <paramref name="version"/>. The search text is the title unless
    /// given; the primary category is the last id of the first path.
    /// </summary>
    public static CatalogChange Upsert(
        long id,
        string title,
        long version = 1,
        string? text = null,
        string brand = "Acme",
        decimal price = 10_000m,
        string[]? paths = null,
        string? imageUrl = null)
    {
        paths ??= ["1"];
        // Tests of malformed paths pass paths that do not parse; the read model must reject those before using them.
        var primary = paths.Length > 0 && int.TryParse(paths[0].Split('/')[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var category) ? category : 0;
        return CatalogChange.Upsert(new ProductListing(id, version, title, brand, primary, paths, new Money(price, "KRW"), imageUrl, text ?? title, At));
    }

    public static CatalogChange Remove(long id, long version) => CatalogChange.Remove(id, version);

    public static SearchQuery Search(
        string? text,
        string? categoryPath = null,
        string? brand = null,
        decimal? minPrice = null,
        decimal? maxPrice = null,
        int page = 1,
        int pageSize = 50) => new(text, categoryPath, brand, minPrice, maxPrice, page, pageSize);

    public static long[] Ids(this ProductPage page) => [.. page.Items.Select(item => item.ProductId)];
}
