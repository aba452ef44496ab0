using System.Net;
using System.Text.Json;
using Shop.Gateway.Tests.Hosting;
using static Shop.Gateway.Tests.Catalog.CatalogApi;

namespace Shop.Gateway.Tests.Catalog;

/// <summary>
/// API.md, Search, on each storage's index (SQLite FTS5 trigram, MariaDB Mroonga): parts of words in Korean, English
/// and mixed text, case, filters, ranking and query-syntax characters. Each test searches inside its own category, so
/// the products of other tests on the shared silo do not show.
/// </summary>
public abstract class SearchTests<TShop>(TShop shop) where TShop : ShopApiFactory
{
    protected TShop Shop { get; } = shop;

    [Fact]
    public async Task Korean_parts_of_words_find_the_whole_word()
    {
        var (category, ids) = await CatalogOfAsync(
            ("나이키 에어 운동화", "Nike", 120000m),
            ("아디다스 러닝화", "Adidas", 99000m),
            ("겨울 패딩 점퍼", "North", 250000m));
        using var client = Shop.CreateApiClient();

        var running = await EventuallyAsync(client, Search(category, "운동"), (found, _) => found.Length > 0);
        Assert.Equal([ids[0]], running.Ids);
        Assert.Equal([ids[1]], (await PageAsync(client, Search(category, "러닝"))).Ids);
        Assert.Equal([ids[2]], (await PageAsync(client, Search(category, "패딩 점퍼"))).Ids);
        Assert.Empty((await PageAsync(client, Search(category, "구두"))).Ids);
    }

    [Fact]
    public async Task English_matches_parts_of_words_whatever_the_case()
    {
        var (category, ids) = await CatalogOfAsync(
            ("Trail Running Sneakers", "Salomon", 180000m),
            ("Leather Boots", "Dr. Martens", 230000m));
        using var client = Shop.CreateApiClient();

        var sneaker = await EventuallyAsync(client, Search(category, "SNEAKER"), (found, _) => found.Length > 0);
        Assert.Equal([ids[0]], sneaker.Ids);
        Assert.Equal([ids[1]], (await PageAsync(client, Search(category, "leath"))).Ids);
        Assert.Equal([ids[1]], (await PageAsync(client, Search(category, "martens"))).Ids);
    }

    [Fact]
    public async Task Mixed_Korean_and_English_text_is_found_by_either_part()
    {
        var (category, ids) = await CatalogOfAsync(("Galaxy 갤럭시 버즈 Pro 무선 이어폰", "Samsung", 199000m), ("iPhone 케이스", "Apple", 59000m));
        using var client = Shop.CreateApiClient();

        var galaxy = await EventuallyAsync(client, Search(category, "갤럭시 pro"), (found, _) => found.Length > 0);
        Assert.Equal([ids[0]], galaxy.Ids);
        Assert.Equal([ids[0]], (await PageAsync(client, Search(category, "이어폰"))).Ids);
        Assert.Equal([ids[1]], (await PageAsync(client, Search(category, "iphone 케이스"))).Ids);
    }

    [Fact]
    public async Task Filters_narrow_by_category_brand_and_price()
    {
        using var admin = await Shop.AdminClientAsync();
        var root = await CreateCategoryAsync(admin, "Filters");
        var child = await CreateCategoryAsync(admin, "Child", root);
        var word = Unique();
        var cheap = await CreateProductAsync(admin, Product($"{word} cheap", "Alpha", [child], (NewSku(), 10_000m, 1)));
        var dear = await CreateProductAsync(admin, Product($"{word} dear", "Beta", [root], (NewSku(), 90_000m, 1), (NewSku(), 80_000m, 1)));
        using var client = Shop.CreateApiClient();

        await EventuallyAsync(client, $"/api/search?q={word}&categoryId={root}", (found, _) => found.Length == 2);
        Assert.Equal([cheap], (await PageAsync(client, $"/api/search?q={word}&categoryId={child}")).Ids);
        Assert.Equal([dear], (await PageAsync(client, $"/api/search?q={word}&categoryId={root}&brand=beta")).Ids);
        Assert.Equal([dear], (await PageAsync(client, $"/api/search?q={word}&categoryId={root}&minPrice=50000")).Ids);
        Assert.Equal([cheap], (await PageAsync(client, $"/api/search?q={word}&categoryId={root}&maxPrice=79999")).Ids);
        Assert.Equal([dear], (await PageAsync(client, $"/api/search?q={word}&categoryId={root}&minPrice=80000&maxPrice=80000")).Ids);

        // With no text, the filters alone list the category.
        Assert.Equal(2, (await PageAsync(client, $"/api/search?categoryId={root}")).Total);
    }

    [Fact]
    public async Task The_best_match_comes_first()
    {
        var word = Unique();
        var (category, ids) = await CatalogOfAsync(
            ($"Case {word}", "Plain", 1000m),
            ($"{word} {word} pro {word}", "Plain", 1000m));
        using var client = Shop.CreateApiClient();

        var page = await EventuallyAsync(client, Search(category, $"{word} pro"), (found, _) => found.Length > 0);
        Assert.Equal(ids[1], page.Ids[0]);
        Assert.True(page.Body.GetProperty("items")[0].GetProperty("score").GetDouble() > 0);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("+-()~<>")]
    [InlineData("' OR 1=1; DROP TABLE products; --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("NEAR(a b)")]
    [InlineData("a OR b AND NOT c")]
    [InlineData("운동화\" OR \"")]
    public async Task Query_syntax_is_plain_text(string q)
    {
        var (category, _) = await CatalogOfAsync(("Percent 100% cotton_shirt", "Plain", 1000m));
        using var client = Shop.CreateApiClient();
        await EventuallyAsync(client, $"/api/search?categoryId={category}", (found, _) => found.Length == 1);

        var response = await client.GetAsync(Search(category, q));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt64() >= 0);
        Assert.True((await client.GetAsync("/health/ready")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_wildcard_character_does_not_match_anything_else()
    {
        var (category, _) = await CatalogOfAsync(("Plain cotton shirt", "Plain", 1000m));
        using var client = Shop.CreateApiClient();
        await EventuallyAsync(client, $"/api/search?categoryId={category}", (found, _) => found.Length == 1);

        Assert.Equal(0, (await PageAsync(client, Search(category, "%"))).Total);
        Assert.Equal(0, (await PageAsync(client, Search(category, "_"))).Total);
        Assert.Equal(0, (await PageAsync(client, Search(category, "c_tton"))).Total);
    }

    [Fact]
    public async Task Bad_search_parameters_are_refused()
    {
        using var client = Shop.CreateApiClient();
        await ProblemAssert.IsValidationOfAsync(await client.GetAsync("/api/search?q=" + new string('a', 201)), "q");
        await ProblemAssert.IsValidationOfAsync(await client.GetAsync("/api/search?q=a&minPrice=-1"), "minPrice");
        await ProblemAssert.IsValidationOfAsync(await client.GetAsync("/api/search?q=a&minPrice=10&maxPrice=5"), "maxPrice");
        await ProblemAssert.IsValidationOfAsync(await client.GetAsync("/api/search?q=a&pageSize=1000"), "pageSize");
        await ProblemAssert.IsValidationOfAsync(await client.GetAsync("/api/search?q=a&categoryId=987654"), "categoryId");
        await ProblemAssert.IsAsync(await client.GetAsync("/api/search?q=a&minPrice=abc"), HttpStatusCode.BadRequest, "validation-failed");
    }

    private static string Search(int category, string q) => $"/api/search?categoryId={category}&q={Uri.EscapeDataString(q)}";

    private static string Unique() => "zq" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A category of its own with these products (one SKU each).</summary>
    private async Task<(int Category, long[] Ids)> CatalogOfAsync(params (string Title, string Brand, decimal Price)[] products)
    {
        using var admin = await Shop.AdminClientAsync();
        var category = await CreateCategoryAsync(admin, "Search " + Guid.NewGuid().ToString("N")[..6]);
        var ids = new List<long>();
        foreach (var (title, brand, price) in products)
        {
            ids.Add(await CreateProductAsync(admin, Product(title, brand, [category], (NewSku(), price, 1))));
        }

        // Each product reaches the read model on its own; a test may look for any of them, so wait for all.
        using var client = Shop.CreateApiClient();
        await EventuallyAsync(client, $"/api/categories/{category}/products", (_, total) => total == ids.Count);
        return (category, [.. ids]);
    }
}

public sealed class SearchOnSqlite(SqliteShop shop) : SearchTests<SqliteShop>(shop), IClassFixture<SqliteShop>;

public sealed class SearchOnMySql(MySqlShop shop) : SearchTests<MySqlShop>(shop), IClassFixture<MySqlShop>;
