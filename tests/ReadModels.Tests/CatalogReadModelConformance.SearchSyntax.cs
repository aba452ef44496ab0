using static Shop.ReadModels.Tests.Listings;

namespace Shop.ReadModels.Tests;

/// <summary>
/// What a search engine would read as syntax (quotes, operators, wildcards, SQL) is plain text: it neither fails nor
/// changes the meaning of the query, and finds exactly the products whose text contains it.
/// </summary>
public abstract partial class CatalogReadModelConformance
{
    private static readonly (long Id, string Text)[] Symbols =
    [
        (201, "50% off sale"),
        (202, "snake_case keyboard"),
        (203, "C++ primer book"),
        (204, "\"quoted\" title mug"),
        (205, "rock 'n' roll shirt"),
        (206, "t-shirt (white)"),
        (207, "star*wars figure"),
        (208, "Orange color pen"),
        (209, "Bobby; DROP TABLE students"),
        (210, "plain notebook 100"),
        (211, "back\\slash poster"),
    ];

    [Theory]
    [InlineData("%")]
    [InlineData("50%")]
    [InlineData("_")]
    [InlineData("snake_")]
    [InlineData("+")]
    [InlineData("c++")]
    [InlineData("\"")]
    [InlineData("\"quoted\"")]
    [InlineData("\"quoted")]
    [InlineData("'")]
    [InlineData("'n'")]
    [InlineData("-")]
    [InlineData("t-shirt")]
    [InlineData("-shirt")]
    [InlineData("(")]
    [InlineData(")")]
    [InlineData("(white)")]
    [InlineData("*")]
    [InlineData("star*")]
    [InlineData("*wars")]
    [InlineData("OR")]
    [InlineData("pen OR book")]
    [InlineData("NOT")]
    [InlineData("-pen")]
    [InlineData("\\")]
    [InlineData("back\\slash")]
    [InlineData("; DROP TABLE")]
    [InlineData("'; DROP TABLE catalog_products; --")]
    [InlineData("\"); DROP TABLE catalog_search; --")]
    [InlineData("%' OR '1'='1")]
    [InlineData("* OR *")]
    public async Task Query_syntax_in_the_words_is_plain_text(string query)
    {
        await ApplyAsync([.. Symbols.Select(s => Upsert(s.Id, $"Product {s.Id}", text: s.Text, paths: ["9"]))]);
        var tablesBefore = await CatalogTablesAsync();

        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var expected = Symbols
            .Where(s => words.All(word => s.Text.Contains(word, StringComparison.OrdinalIgnoreCase)))
            .Select(s => s.Id)
            .ToArray();
        await AssertFindsAsync(Search(query), expected);
        await AssertFindsAsync(Search(query, categoryPath: "9", brand: "acme", minPrice: 1m), expected);

        // The tables and their rows are intact.
        Assert.Equal(tablesBefore, await CatalogTablesAsync());
        Assert.Equal(Symbols.Length, (await Model.ListByCategoryAsync("9", false, 1, 50)).Total);
        Assert.Equal(Symbols.Length, (await Model.SearchAsync(Search(null))).Total);
    }

    [Fact]
    public async Task Brand_filters_with_syntax_characters_are_exact_values()
    {
        await ApplyAsync(
            Upsert(1, "One", brand: "A\"B"),
            Upsert(2, "Two", brand: "A&B"),
            Upsert(3, "Three", brand: "A\\B"),
            Upsert(4, "Four", brand: "A' || 'B"));

        Assert.Equal(new long[] { 1 }, (await Model.SearchAsync(Search(null, brand: "a\"b"))).Ids());
        Assert.Equal(new long[] { 2 }, (await Model.SearchAsync(Search(null, brand: "A&B"))).Ids());
        Assert.Equal(new long[] { 3 }, (await Model.SearchAsync(Search(null, brand: "a\\b"))).Ids());
        Assert.Equal(new long[] { 4 }, (await Model.SearchAsync(Search(null, brand: "A' || 'B"))).Ids());
        Assert.Empty((await Model.SearchAsync(Search(null, brand: "\" || true || \""))).Items);
        Assert.Empty((await Model.SearchAsync(Search(null, brand: "A%"))).Items);
    }
}
