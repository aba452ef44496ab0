using static Shop.ReadModels.Tests.Listings;

namespace Shop.ReadModels.Tests;

/// <summary>The version guard: a change applies only when newer than what the read model holds for the product.</summary>
public abstract partial class CatalogReadModelConformance
{
    [Fact]
    public async Task An_unknown_product_has_no_version()
    {
        Assert.Null(await Model.GetVersionAsync(404));
    }

    [Fact]
    public async Task A_newer_upsert_replaces_the_listing_and_an_older_one_is_ignored()
    {
        await ApplyAsync(Upsert(1, "Trail runner", version: 2, brand: "Acme", price: 20_000m, paths: ["1/4"]));
        await ApplyAsync(Upsert(1, "Road runner", version: 5, brand: "Zenith", price: 50_000m, paths: ["1/40"]));
        await ApplyAsync(Upsert(1, "Stale runner", version: 4, brand: "Old", price: 40_000m, paths: ["1/4"]));

        Assert.Equal(5, await Model.GetVersionAsync(1));
        var listed = Assert.Single((await Model.ListByCategoryAsync("1/40", false, 1, 10)).Items);
        Assert.Equal(("Road runner", "Zenith", 50_000m, "KRW", 40), (listed.Title, listed.Brand, listed.MinPrice.Amount, listed.MinPrice.Currency, listed.PrimaryCategoryId));
        // The category and the words of the replaced versions are gone with them.
        Assert.Equal(0, (await Model.ListByCategoryAsync("1/4", true, 1, 10)).Total);
        Assert.Equal(0, (await Model.SearchAsync(Search("trail"))).Total);
        Assert.Equal(0, (await Model.SearchAsync(Search("stale"))).Total);
        Assert.Equal(new long[] { 1 }, (await Model.SearchAsync(Search("road"))).Ids());
    }

    [Fact]
    public async Task The_same_version_applied_again_changes_nothing()
    {
        var change = Upsert(1, "Canvas tote", version: 3, paths: ["2"]);
        await ApplyAsync(change);
        await ApplyAsync(change);
        // Two changes with the same version are the same change delivered twice: the second is not applied.
        await ApplyAsync(Upsert(1, "Leather tote", version: 3, paths: ["2"]));

        Assert.Equal(3, await Model.GetVersionAsync(1));
        var page = await Model.ListByCategoryAsync("2", false, 1, 10);
        Assert.Equal(1, page.Total);
        Assert.Equal("Canvas tote", Assert.Single(page.Items).Title);
        Assert.Equal(new long[] { 1 }, (await Model.SearchAsync(Search("tote"))).Ids());
        Assert.Equal(0, (await Model.SearchAsync(Search("leather"))).Total);
    }

    [Fact]
    public async Task Within_one_call_the_highest_version_of_a_product_wins_whatever_the_order()
    {
        await ApplyAsync(
            Upsert(7, "Version one", version: 1),
            Upsert(7, "Version three", version: 3),
            Upsert(7, "Version two", version: 2));

        Assert.Equal(3, await Model.GetVersionAsync(7));
        Assert.Equal("Version three", Assert.Single((await Model.ListByCategoryAsync("1", false, 1, 10)).Items).Title);
    }

    [Fact]
    public async Task A_removed_product_leaves_listings_and_search_and_keeps_its_tombstone_version()
    {
        await ApplyAsync(Upsert(1, "Walnut desk", version: 1, paths: ["3/9"]), Upsert(2, "Walnut shelf", version: 1, paths: ["3/9"]));
        await ApplyAsync(Remove(1, version: 2));

        Assert.Equal(2, await Model.GetVersionAsync(1));
        var listing = await Model.ListByCategoryAsync("3", true, 1, 10);
        AssertPage(listing, 1, 2);
        Assert.Equal(new long[] { 2 }, (await Model.SearchAsync(Search("walnut"))).Ids());
        Assert.Equal(0, (await Model.SearchAsync(Search("desk"))).Total);
        Assert.Equal(new long[] { 2 }, (await Model.SearchAsync(Search(null, categoryPath: "3"))).Ids());
    }

    [Fact]
    public async Task A_late_older_upsert_does_not_resurrect_a_removed_product_but_a_newer_one_does()
    {
        await ApplyAsync(Upsert(1, "Walnut desk", version: 1, paths: ["3"]));
        await ApplyAsync(Remove(1, version: 4));
        await ApplyAsync(Upsert(1, "Walnut desk", version: 3, paths: ["3"]));
        await ApplyAsync(Upsert(1, "Walnut desk", version: 4, paths: ["3"]));

        Assert.Equal(4, await Model.GetVersionAsync(1));
        Assert.Equal(0, (await Model.ListByCategoryAsync("3", true, 1, 10)).Total);
        Assert.Equal(0, (await Model.SearchAsync(Search("walnut"))).Total);

        await ApplyAsync(Upsert(1, "Oak desk", version: 5, paths: ["3"]));
        Assert.Equal(5, await Model.GetVersionAsync(1));
        Assert.Equal(new long[] { 1 }, (await Model.ListByCategoryAsync("3", true, 1, 10)).Ids());
        Assert.Equal(new long[] { 1 }, (await Model.SearchAsync(Search("oak"))).Ids());
    }

    [Fact]
    public async Task Removing_a_product_never_seen_leaves_a_tombstone_that_guards_against_older_upserts()
    {
        await ApplyAsync(Remove(9, version: 6));
        await ApplyAsync(Upsert(9, "Ghost lamp", version: 5));

        Assert.Equal(6, await Model.GetVersionAsync(9));
        Assert.Equal(0, (await Model.ListByCategoryAsync("1", true, 1, 10)).Total);
        Assert.Equal(0, (await Model.SearchAsync(Search("ghost"))).Total);
    }
}
