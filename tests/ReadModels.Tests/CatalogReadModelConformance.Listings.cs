using static Shop.ReadModels.Tests.Listings;

namespace Shop.ReadModels.Tests;

/// <summary>Listing by category path: exact or with descendants, newest (highest product id) first, paged with the total.</summary>
public abstract partial class CatalogReadModelConformance
{
    [Fact]
    public async Task A_category_lists_its_own_products_or_also_its_descendants_but_never_a_sibling_sharing_its_prefix()
    {
        await ApplyAsync(
            Upsert(10, "In 1/4", paths: ["1/4"]),
            Upsert(11, "In 1/4/28", paths: ["1/4/28"]),
            Upsert(12, "In 1/40", paths: ["1/40"]),
            Upsert(13, "In 1/40/5", paths: ["1/40/5"]),
            Upsert(14, "In 1/4/28 and 1/4/29", paths: ["1/4/28", "1/4/29"]),
            Upsert(15, "In 1/41 and 1/4", paths: ["1/41", "1/4"]),
            Upsert(16, "In 1", paths: ["1"]),
            Upsert(17, "In 2/4", paths: ["2/4"]));

        var own = await Model.ListByCategoryAsync("1/4", includeDescendants: false, 1, 50);
        AssertPage(own, 2, 15, 10);

        var tree = await Model.ListByCategoryAsync("1/4", includeDescendants: true, 1, 50);
        AssertPage(tree, 4, 15, 14, 11, 10);

        var sibling = await Model.ListByCategoryAsync("1/40", includeDescendants: true, 1, 50);
        AssertPage(sibling, 2, 13, 12);

        var leaf = await Model.ListByCategoryAsync("1/4/28", includeDescendants: true, 1, 50);
        AssertPage(leaf, 2, 14, 11);

        var root = await Model.ListByCategoryAsync("1", includeDescendants: true, 1, 50);
        AssertPage(root, 7, 16, 15, 14, 13, 12, 11, 10);
        Assert.Equal(new long[] { 16 }, (await Model.ListByCategoryAsync("1", includeDescendants: false, 1, 50)).Ids());

        var empty = await Model.ListByCategoryAsync("4", includeDescendants: true, 1, 50);
        Assert.Equal((0L, 0), (empty.Total, empty.Items.Count));
    }

    [Fact]
    public async Task A_listing_returns_the_product_summary_as_applied()
    {
        await ApplyAsync(Upsert(21, "운동화 Runner", brand: "Nike", price: 89_000.5m, paths: ["1/4/28"], imageUrl: "https://img.example/21.jpg"));
        await ApplyAsync(Upsert(22, "No image", price: 0.0001m, paths: ["1/4/28"]));

        var page = await Model.ListByCategoryAsync("1/4/28", false, 1, 10);
        Assert.Equal(2, page.Items.Count);
        var noImage = page.Items[0];
        Assert.Equal((22L, "No image", 0.0001m, (string?)null, (double?)null), (noImage.ProductId, noImage.Title, noImage.MinPrice.Amount, noImage.MainImageUrl, noImage.Score));
        var item = page.Items[1];
        Assert.Equal(21, item.ProductId);
        Assert.Equal("운동화 Runner", item.Title);
        Assert.Equal("Nike", item.Brand);
        Assert.Equal(28, item.PrimaryCategoryId);
        Assert.Equal(89_000.5m, item.MinPrice.Amount);
        Assert.Equal("KRW", item.MinPrice.Currency);
        Assert.Equal("https://img.example/21.jpg", item.MainImageUrl);
        Assert.Null(item.Score);
    }

    [Fact]
    public async Task Pages_are_consecutive_slices_of_the_newest_first_order_with_the_total_on_every_page()
    {
        // Applied oldest-last and in two calls, so the order cannot come from insertion order.
        await ApplyAsync([.. Enumerable.Range(1, 12).Select(i => Upsert(i * 3, $"Mug {i}", paths: ["5/6"]))]);
        await ApplyAsync([.. Enumerable.Range(13, 13).Select(i => Upsert(i * 3, $"Mug {i}", paths: ["5/6/7"]))]);
        var expected = Enumerable.Range(1, 25).Select(i => (long)i * 3).Reverse().ToArray();

        var pages = new List<long>();
        for (var number = 1; number <= 3; number++)
        {
            var page = await Model.ListByCategoryAsync("5", true, number, 10);
            Assert.Equal((25L, number, 10), (page.Total, page.Page, page.PageSize));
            pages.AddRange(page.Ids());
        }

        Assert.Equal(expected, pages);
        var beyond = await Model.ListByCategoryAsync("5", true, 4, 10);
        Assert.Equal((25L, 0), (beyond.Total, beyond.Items.Count));
        var far = await Model.ListByCategoryAsync("5", true, int.MaxValue, 500);
        Assert.Equal((25L, 0), (far.Total, far.Items.Count));
    }
}
