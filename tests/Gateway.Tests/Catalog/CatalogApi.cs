using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Gateway.Tests.Catalog;

/// <summary>What the catalog tests do through the API again and again: create categories and products, and wait for the read model.</summary>
internal static class CatalogApi
{
    public static async Task<int> CreateCategoryAsync(HttpClient admin, string name, int? parentId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/categories", new { name, parentId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("categoryId").GetInt32();
    }

    /// <summary>A product body with one variant per SKU (price 10,000 KRW unless given), in the given categories.</summary>
    public static object Product(string title, string brand, int[] categories, params (string Sku, decimal Price, int Stock)[] variants) => new
    {
        title,
        description = $"{title} — {brand}",
        brand,
        model = "M-1",
        categoryIds = categories,
        primaryCategoryId = categories[0],
        attributes = new Dictionary<string, string> { ["material"] = "mesh" },
        images = new[] { new { url = "https://img.example.com/main.jpg", main = true } },
        variants = variants.Select(v => new
        {
            sku = v.Sku,
            price = new { amount = v.Price, currency = "KRW" },
            attributes = new Dictionary<string, string> { ["size"] = "270" },
            initialStock = v.Stock,
            perUserLimit = (int?)null,
        }).ToArray(),
    };

    public static async Task<long> CreateProductAsync(HttpClient admin, object product)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/products", product);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("productId").GetInt64();
    }

    public static string NewSku(string prefix = "SKU") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)].ToUpperInvariant();

    /// <summary>The product ids of a listing or search page.</summary>
    public static async Task<(long[] Ids, long Total, JsonElement Body)> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        return ([.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("productId").GetInt64())], body.GetProperty("total").GetInt64(), body);
    }

    /// <summary>
    /// Asks until <paramref name="done"/> holds: the read models follow the products through the streams, within seconds.
    /// Fails with the last answer after a minute, far beyond that, so a read model that never catches up fails the test.
    /// </summary>
    public static async Task<(long[] Ids, long Total, JsonElement Body)> EventuallyAsync(HttpClient client, string url, Func<long[], long, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var page = await PageAsync(client, url);
            if (done(page.Ids, page.Total))
            {
                return page;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{url} never reached the expected state; last answer: {page.Body}");
            }

            await Task.Delay(100);
        }
    }
}
