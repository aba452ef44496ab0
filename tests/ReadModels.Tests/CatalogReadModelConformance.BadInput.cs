using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.ReadModels;
using static Shop.ReadModels.Tests.Listings;

namespace Shop.ReadModels.Tests;

/// <summary>
/// Malformed requests fail at once with an argument exception naming the problem, before touching the store; a
/// malformed change fails only its own call.
/// </summary>
public abstract partial class CatalogReadModelConformance
{
    [Theory]
    [InlineData("")]
    [InlineData("/1")]
    [InlineData("1/")]
    [InlineData("1//4")]
    [InlineData("1/a")]
    [InlineData("1 /4")]
    [InlineData("1/4%")]
    [InlineData("１/4")] // a full-width digit is not an ASCII digit
    public async Task A_malformed_category_path_is_rejected(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Model.ListByCategoryAsync(path, true, 1, 10));
        await Assert.ThrowsAsync<ArgumentException>(() => Model.SearchAsync(Search("x", categoryPath: path)));
        await Assert.ThrowsAsync<ArgumentException>(() => Model.ApplyAsync([Upsert(1, "Bad path", paths: ["1", path])]));
        Assert.Null(await Model.GetVersionAsync(1));
    }

    [Fact]
    public async Task A_category_path_longer_than_255_characters_is_rejected()
    {
        var path = string.Join('/', Enumerable.Repeat("12345", 43)); // 257 characters
        await Assert.ThrowsAsync<ArgumentException>(() => Model.ListByCategoryAsync(path, false, 1, 10));
        await Assert.ThrowsAsync<ArgumentException>(() => Model.ApplyAsync([Upsert(1, "Deep", paths: [path])]));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-1, 10)]
    [InlineData(1, 0)]
    [InlineData(1, -5)]
    [InlineData(1, 501)]
    [InlineData(1, int.MaxValue)]
    public async Task A_page_below_one_or_a_page_size_outside_1_to_500_is_rejected(int page, int pageSize)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Model.ListByCategoryAsync("1", true, page, pageSize));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Model.SearchAsync(Search("x", page: page, pageSize: pageSize)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Model.SearchAsync(Search(null, page: page, pageSize: pageSize)));
    }

    [Fact]
    public async Task The_largest_page_size_is_accepted()
    {
        await ApplyAsync(Upsert(1, "Only"));
        Assert.Equal(1, (await Model.ListByCategoryAsync("1", true, 1, 500)).Total);
        Assert.Equal(1, (await Model.SearchAsync(Search("only", pageSize: 500))).Total);
    }

    [Fact]
    public async Task A_null_query_or_change_list_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Model.SearchAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Model.ApplyAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => Model.ApplyAsync([null!]));
    }

    [Fact]
    public async Task Malformed_changes_are_rejected_without_applying_anything_of_their_call()
    {
        var good = Upsert(1, "Good");
        var listing = ((CatalogChange)Upsert(2, "Bad")).Listing!;
        CatalogChange[] bad =
        [
            new CatalogChange(2, 2, listing), // the listing says version 1
            new CatalogChange(3, 1, listing), // the listing is product 2's
            CatalogChange.Upsert(listing with { Title = null! }),
            CatalogChange.Upsert(listing with { Brand = new string('b', 256) }),
            CatalogChange.Upsert(listing with { MinPrice = new Money(1m, "") }),
            CatalogChange.Upsert(listing with { MinPrice = new Money(1m, new string('K', 17)) }),
            CatalogChange.Upsert(listing with { MinPrice = new Money(decimal.MaxValue, "KRW") }),
            CatalogChange.Upsert(listing with { CategoryPaths = null! }),
            CatalogChange.Upsert(listing with { Version = -1 }) with { Version = -1 },
            CatalogChange.Remove(2, long.MinValue),
        ];

        foreach (var change in bad)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Model.ApplyAsync([good, change]));
        }

        Assert.Null(await Model.GetVersionAsync(1));
        Assert.Null(await Model.GetVersionAsync(2));
        Assert.Equal(0, (await Model.SearchAsync(Search(null))).Total);
    }

    [Fact]
    public async Task A_malformed_call_among_concurrent_good_ones_fails_alone()
    {
        var calls = Enumerable.Range(1, 20)
            .Select(i => Model.ApplyAsync([i == 10 ? Upsert(i, "Bad", paths: ["x"]) : Upsert(i, $"Good {i}")]))
            .ToArray();

        for (var i = 0; i < calls.Length; i++)
        {
            if (i == 9)
            {
                await Assert.ThrowsAsync<ArgumentException>(() => calls[i]);
            }
            else
            {
                await calls[i];
            }
        }

        Assert.Equal(19, (await Model.ListByCategoryAsync("1", false, 1, 50)).Total);
    }
}
