using Shop.Grains.Interfaces.Catalog;

namespace Shop.Bench;

/// <summary>
/// The shoppers' searches of the search benchmark, drawn from a seeded <see cref="Random"/> so that the read model
/// and the baseline get the same sequence of words: a third Korean two-syllable words (whole words, or the start of
/// longer ones, e.g. 운동 of 운동화), a third three-syllable ones, a third English words (half of them cut to their
/// first four letters). Six in ten also filter, by a top-level or middle category, a brand, a price range, or a
/// category and a price range; most ask for the first page of 20, some for pages 2–5 or 6–20.
/// </summary>
internal sealed class SearchQueryMix
{
    public const int PageSize = 20;

    private readonly string[] _korean2;
    private readonly string[] _korean3;
    private readonly string[] _english;
    private readonly string[] _brands;

    /// <param name="brands">The brands a brand filter picks from (as the catalog spells them; the filter ignores case).</param>
    public SearchQueryMix(IEnumerable<string> brands)
    {
        var korean = CatalogGenerator.SearchWords.Where(IsKorean).ToList();
        _korean2 = [.. korean.Where(w => w.Length >= 2).Select(w => w[..2]).Distinct()];
        _korean3 = [.. korean.Where(w => w.Length >= 3).Select(w => w[..3]).Distinct()];
        _english = [.. CatalogGenerator.SearchWords.Where(w => !IsKorean(w) && !w.Contains(' ') && w.Length >= 3)];
        _brands = [.. brands.Distinct()];
    }

    public string Describe() =>
        $"{_korean2.Length} Korean 2-syllable words, {_korean3.Length} 3-syllable words, {_english.Length} English words, {_brands.Length} brands";

    /// <summary>The next search and its kind of words (<c>ko2</c>, <c>ko3</c>, <c>en</c>).</summary>
    public (SearchQuery Query, string Kind) Next(Random random)
    {
        var (text, kind) = random.Next(3) switch
        {
            0 => (Pick(random, _korean2), "ko2"),
            1 => (Pick(random, _korean3), "ko3"),
            _ => (Pick(random, _english) is var word && random.Next(2) == 0 && word.Length > 5 ? word[..4] : word, "en"),
        };

        string? category = null;
        string? brand = null;
        decimal? min = null;
        decimal? max = null;
        var filter = random.Next(100);
        if (filter is >= 40 and < 60 or >= 90)
        {
            category = random.Next(2) == 0 ? Pick(random, SearchCatalog.TopPaths) : Pick(random, SearchCatalog.MiddlePaths);
        }

        if (filter is >= 60 and < 75)
        {
            brand = Pick(random, _brands);
        }

        if (filter is >= 75)
        {
            min = 1_000m * random.Next(1, 400);
            max = min + (1_000m * random.Next(10, 200));
        }

        var pages = random.Next(100);
        var page = pages < 80 ? 1 : pages < 95 ? random.Next(2, 6) : random.Next(6, 21);
        return (new SearchQuery(text, category, brand, min, max, page, PageSize), kind);
    }

    private static string Pick(Random random, IReadOnlyList<string> items) => items[random.Next(items.Count)];

    private static bool IsKorean(string word) => word.Any(c => c is >= '\uAC00' and <= '\uD7A3');
}
