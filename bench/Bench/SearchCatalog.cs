using System.Globalization;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.ReadModels;

namespace Shop.Bench;

/// <summary>
/// The catalog the search benchmark loads into the read model: the import benchmark's synthetic products
/// (<see cref="CatalogGenerator"/>: Korean and English titles from word lists, brands, prices), turned into the
/// listings the catalog projection would write, in a three-level tree of 1,110 categories: 10 top-level (ids 1–10),
/// 100 below them (11–110) and 1,000 leaves (111–1110), ten children each. Every product is in one leaf.
/// </summary>
internal static class SearchCatalog
{
    public const int FirstLeaf = 111;

    public static readonly IReadOnlyList<int> Leaves = [.. Enumerable.Range(FirstLeaf, 1_000)];

    /// <summary>The paths of the top-level categories ("1" … "10").</summary>
    public static readonly IReadOnlyList<string> TopPaths = [.. Enumerable.Range(1, 10).Select(top => top.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The paths of the middle level ("1/11" … "10/110").</summary>
    public static readonly IReadOnlyList<string> MiddlePaths = [.. Enumerable.Range(11, 100).Select(middle => string.Create(CultureInfo.InvariantCulture, $"{Top(middle)}/{middle}"))];

    private static readonly DateTimeOffset At = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static string PathOf(int leaf)
    {
        var middle = 11 + ((leaf - FirstLeaf) / 10);
        return string.Create(CultureInfo.InvariantCulture, $"{Top(middle)}/{middle}/{leaf}");
    }

    /// <summary>Product <paramref name="id"/> at version 1, the same in every run.</summary>
    public static CatalogChange Change(long id)
    {
        var document = CatalogGenerator.Product(id, "SRCH", Leaves);
        return CatalogChange.Upsert(new ProductListing(
            id,
            1,
            document.Title,
            document.Brand,
            document.PrimaryCategoryId,
            [PathOf(document.PrimaryCategoryId)],
            document.MinPrice,
            document.MainImageUrl,
            SearchText(document),
            At));
    }

    /// <summary>What the catalog projection indexes (CatalogProjectionGrain): names, description, attribute values and SKUs.</summary>
    private static string SearchText(ProductDocument document) =>
        string.Join('\n', new[] { document.Title, document.Brand, document.Model, document.Description }
            .Concat(document.Attributes.Values)
            .Concat(document.Variants.SelectMany(v => v.Attributes.Values.Append(v.Sku)))
            .Where(s => !string.IsNullOrWhiteSpace(s)));

    private static int Top(int middle) => 1 + ((middle - 11) / 10);
}
