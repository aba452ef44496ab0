using Shop.Grains.Interfaces.Catalog;

namespace Shop.ReadModels.Common;

/// <summary>
/// A <see cref="SearchQuery"/> checked and put in the form both stores filter by: the words, the category path,
/// the brand key and the price bounds in <see cref="PriceUnits"/>. A price range that admits nothing is kept as it
/// is: the stores then simply find nothing.
/// </summary>
internal sealed record SearchRequest(
    IReadOnlyList<string> Terms,
    string? CategoryPath,
    string? BrandKey,
    long? MinPriceUnits,
    long? MaxPriceUnits,
    PageRequest Page)
{
    public bool HasText => Terms.Count > 0;

    public static SearchRequest From(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = PageRequest.Create(query.Page, query.PageSize);
        string? categoryPath = null;
        if (query.CategoryPath is not null)
        {
            Common.CategoryPath.Validate(query.CategoryPath, nameof(query));
            categoryPath = query.CategoryPath;
        }

        return new SearchRequest(
            SearchTerms.Parse(query.Text),
            categoryPath,
            query.Brand is null ? null : Common.BrandKey.For(query.Brand),
            query.MinPrice is { } min ? PriceUnits.LowerBound(min) : null,
            query.MaxPrice is { } max ? PriceUnits.UpperBound(max) : null,
            page);
    }
}
