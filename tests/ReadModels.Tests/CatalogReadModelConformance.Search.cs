using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.ReadModels;
using static Shop.ReadModels.Tests.Listings;

namespace Shop.ReadModels.Tests;

/// <summary>
/// Search: every word of the query must occur in the product's search text as a part of a word (any language, any
/// case), filters narrow the hits, and without words the filtered products come newest first. Where several products
/// match, the order is the store's relevance, so those results are compared as sets.
/// </summary>
public abstract partial class CatalogReadModelConformance
{
    private static readonly CatalogChange[] Shoes =
    [
        Upsert(101, "Nike Air 운동화", text: "Nike Air 운동화 러닝 신발", brand: "Nike", price: 89_000m, paths: ["1/4/28"]),
        Upsert(102, "Adidas 러닝화", text: "Adidas 러닝화 Runner", brand: "Adidas", price: 79_000m, paths: ["1/4/29"]),
        Upsert(103, "운동복 세트", text: "운동복 세트 트레이닝", brand: "Nike", price: 59_000m, paths: ["1/40/5"]),
        Upsert(104, "SNEAKERS Classic", text: "SNEAKERS Classic canvas", brand: "Converse", price: 65_000m, paths: ["1/4/28"]),
        Upsert(105, "Sneaker cleaner", text: "Sneaker cleaner kit", brand: "NIKE", price: 12_000m, paths: ["2/7"]),
        Upsert(106, "가방", text: "가방 백팩 학생", brand: "Jansport", price: 45_000m, paths: ["2/8"]),
    ];

    [Theory]
    [InlineData("운동", new long[] { 101, 103 })]
    [InlineData("운동화", new long[] { 101 })]
    [InlineData("동복", new long[] { 103 })]
    [InlineData("러닝", new long[] { 101, 102 })]
    [InlineData("러닝화", new long[] { 102 })]
    [InlineData("트레이닝", new long[] { 103 })]
    [InlineData("운동장", new long[0])]
    [InlineData("운동 러닝", new long[] { 101 })]
    public async Task Korean_words_find_every_product_whose_text_contains_them(string query, long[] expected)
    {
        await ApplyAsync(Shoes);
        await AssertFindsAsync(Search(query), expected);
    }

    [Theory]
    [InlineData("sneak", new long[] { 104, 105 })]
    [InlineData("SNEAKER", new long[] { 104, 105 })]
    [InlineData("Sneakers", new long[] { 104 })]
    [InlineData("cLeAn", new long[] { 105 })]
    [InlineData("nvas", new long[] { 104 })]
    [InlineData("sneaker kit", new long[] { 105 })]
    [InlineData("nike 러닝", new long[] { 101 })]
    [InlineData("ＮＩＫＥ", new long[] { 101 })] // full-width letters, as some Korean keyboards type them
    [InlineData("sneakerz", new long[0])]
    public async Task Latin_words_match_parts_of_words_whatever_the_case(string query, long[] expected)
    {
        await ApplyAsync(Shoes);
        await AssertFindsAsync(Search(query), expected);
    }

    [Theory]
    [InlineData("화", new long[] { 101, 102 })]
    [InlineData("백", new long[] { 106 })]
    [InlineData("닝", new long[] { 101, 102, 103 })]
    [InlineData("k", new long[] { 101, 104, 105 })]
    [InlineData("ai", new long[] { 101 })]
    [InlineData("RU", new long[] { 102 })]
    [InlineData("가방", new long[] { 106 })]
    [InlineData("학생 백", new long[] { 106 })]
    [InlineData("화 ai", new long[] { 101 })]
    [InlineData("화 sneak", new long[0])]
    public async Task Words_of_one_and_two_characters_are_found(string query, long[] expected)
    {
        await ApplyAsync(Shoes);
        await AssertFindsAsync(Search(query), expected);
    }

    [Fact]
    public async Task Hangul_typed_as_separate_jamo_finds_and_is_found_by_composed_hangul()
    {
        // "운동화" as conjoining jamo (NFD), as macOS and some copy-pastes produce it.
        const string decomposed = "\u110B\u116E\u11AB\u1103\u1169\u11BC\u1112\u116A";
        await ApplyAsync(Upsert(1, "jamo", text: "신상 " + decomposed), Upsert(2, "composed", text: "신상 운동화"));

        await AssertFindsAsync(Search("운동"), [1, 2]);
        await AssertFindsAsync(Search("\u110B\u116E\u11AB\u1103\u1169\u11BC"), [1, 2]);
    }

    [Theory]
    [InlineData("CAFÉ", new long[] { 1 })]
    [InlineData("crè", new long[] { 1 })]
    [InlineData("👟", new long[] { 1 })]
    [InlineData("abc", new long[] { 2 })] // the text is full-width
    [InlineData("ＡＢＣ", new long[] { 2 })]
    [InlineData("％", new long[] { 3 })] // a full-width percent sign
    [InlineData("ΣΟΦΊΑ", new long[] { 4 })]
    [InlineData("привет", new long[] { 4 })]
    [InlineData("łódź", new long[] { 3 })]
    public async Task Non_ascii_text_is_matched_ignoring_case_and_width(string query, long[] expected)
    {
        await ApplyAsync(
            Upsert(1, "Café", text: "Café Crème 👟 shoes"),
            Upsert(2, "Mart", text: "ＡＢＣ mart"),
            Upsert(3, "Sale", text: "30% 할인 ŁÓDŹ"),
            Upsert(4, "Greek", text: "σοφία notebook ПРИВЕТ"));
        await AssertFindsAsync(Search(query), expected);
    }

    [Fact]
    public async Task Filters_by_category_with_its_descendants_brand_ignoring_case_and_price_bounds_inclusive()
    {
        await ApplyAsync(Shoes);

        await AssertFindsAsync(Search("운동", categoryPath: "1/4"), [101]);
        await AssertFindsAsync(Search("운동", categoryPath: "1/40"), [103]);
        await AssertFindsAsync(Search("운동", categoryPath: "1"), [101, 103]);
        await AssertFindsAsync(Search("운동", categoryPath: "1/4/29"), []);
        await AssertFindsAsync(Search("sneak", categoryPath: "1/4/28"), [104]);

        await AssertFindsAsync(Search("sneak", brand: "nike"), [105]);
        await AssertFindsAsync(Search("운동", brand: "NIKE"), [101, 103]);
        await AssertFindsAsync(Search("운동", brand: "Nik"), []);

        await AssertFindsAsync(Search("운동", minPrice: 59_000m), [101, 103]);
        await AssertFindsAsync(Search("운동", minPrice: 59_000.01m), [101]);
        await AssertFindsAsync(Search("운동", maxPrice: 59_000m), [103]);
        await AssertFindsAsync(Search("sneak", minPrice: 12_000m, maxPrice: 65_000m), [104, 105]);
        await AssertFindsAsync(Search("sneak", minPrice: 70_000m, maxPrice: 10_000m), []);

        await AssertFindsAsync(Search("운동", categoryPath: "1", brand: "nike", minPrice: 60_000m, maxPrice: 90_000m), [101]);
    }

    [Fact]
    public async Task Without_words_the_filtered_products_come_newest_first_without_a_score()
    {
        await ApplyAsync(Shoes);

        var all = await Model.SearchAsync(Search(null));
        AssertPage(all, 6, 106, 105, 104, 103, 102, 101);
        Assert.All(all.Items, item => Assert.Null(item.Score));

        Assert.Equal(new long[] { 104, 103, 102, 101 }, (await Model.SearchAsync(Search("", categoryPath: "1"))).Ids());
        Assert.Equal(new long[] { 105, 103, 101 }, (await Model.SearchAsync(Search("   ", brand: "nike"))).Ids());
        Assert.Equal(new long[] { 104, 103, 102 }, (await Model.SearchAsync(Search("\t", minPrice: 59_000m, maxPrice: 79_000m))).Ids());
        Assert.Equal(new long[] { 104, 102, 101 }, (await Model.SearchAsync(Search(null, categoryPath: "1/4", minPrice: 60_000m, maxPrice: 90_000m))).Ids());

        var second = await Model.SearchAsync(Search(null, page: 2, pageSize: 4));
        Assert.Equal((2, 4), (second.Page, second.PageSize));
        AssertPage(second, 6, 102, 101);
    }

    [Fact]
    public async Task Search_results_page_through_one_stable_order_with_the_total_on_every_page()
    {
        await ApplyAsync([.. Enumerable.Range(1, 23).Select(i => Upsert(i, $"Cotton shirt {i}", text: $"cotton shirt size {i}"))]);
        var whole = await Model.SearchAsync(Search("cotton", pageSize: 100));
        Assert.Equal(23, whole.Total);

        var paged = new List<long>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await Model.SearchAsync(Search("cotton", page: page, pageSize: 10));
            Assert.Equal(23, result.Total);
            paged.AddRange(result.Ids());
        }

        Assert.Equal(whole.Ids(), paged);
        Assert.Equal(23, paged.Distinct().Count());
        Assert.Empty((await Model.SearchAsync(Search("cotton", page: 4, pageSize: 10))).Items);
        var far = await Model.SearchAsync(Search("cotton", page: int.MaxValue, pageSize: 500));
        Assert.Equal((23L, 0), (far.Total, far.Items.Count));
    }

    [Fact]
    public async Task A_search_sees_each_committed_change_as_soon_as_the_apply_returns()
    {
        var query = Search("espresso");
        Assert.Equal(0, (await Model.SearchAsync(query)).Total);

        await ApplyAsync(Upsert(1, "Espresso cup", version: 1));
        Assert.Equal(new long[] { 1 }, (await Model.SearchAsync(query)).Ids());

        await ApplyAsync(Upsert(1, "Espresso cup", version: 2, price: 9_000m));
        Assert.Equal(9_000m, Assert.Single((await Model.SearchAsync(query)).Items).MinPrice.Amount);

        await ApplyAsync(Upsert(1, "Latte cup", version: 3));
        Assert.Equal(0, (await Model.SearchAsync(query)).Total);

        await ApplyAsync(Upsert(1, "Espresso cup", version: 4), Upsert(2, "Espresso machine", version: 1));
        await AssertFindsAsync(query, [1, 2]);

        await ApplyAsync(Remove(2, version: 2));
        Assert.Equal(new long[] { 1 }, (await Model.SearchAsync(query)).Ids());
    }

    [Fact]
    public async Task A_product_that_mentions_the_word_more_often_ranks_first()
    {
        // Same length of text, so only how often the word occurs differs. The newer product (higher id) mentions it
        // once, so the order cannot be the newest-first tie-break.
        await ApplyAsync(
            Upsert(1, "Runner", text: "runner runner runner 운동화 운동화 운동화 x", price: 1m),
            Upsert(2, "Runner", text: "runner bags shoes 운동화 가방이 신발이 x", price: 1m),
            Upsert(3, "Other", text: "nothing to see here at all"));

        foreach (var word in new[] { "runner", "운동화", "운동", "x" })
        {
            var result = await Model.SearchAsync(Search(word));
            if (word == "x")
            {
                // Equal counts: newest first.
                Assert.Equal(new long[] { 2, 1 }, result.Ids());
                Assert.Equal(result.Items[0].Score, result.Items[1].Score);
                continue;
            }

            Assert.Equal(new long[] { 1, 2 }, result.Ids());
            Assert.True(result.Items[0].Score > result.Items[1].Score, $"'{word}': score {result.Items[0].Score} should exceed {result.Items[1].Score}");
        }
    }

    private async Task AssertFindsAsync(SearchQuery query, long[] expected)
    {
        var result = await Model.SearchAsync(query);
        Assert.Equal(expected.Order(), result.Ids().Order());
        Assert.Equal(expected.Length, result.Total);
        Assert.All(result.Items, item => Assert.NotNull(item.Score));
    }
}
