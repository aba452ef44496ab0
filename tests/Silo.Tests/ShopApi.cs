using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Silo.Tests;

/// <summary>The storefront API of shared/API.md as the process tests use it, over real HTTP.</summary>
internal static class ShopApi
{
    public const string BuyerPassword = "a-good-password-1";

    public static HttpClient Client(string baseUrl, string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(90) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public static async Task<string> TokenAsync(string baseUrl, string email, string password)
    {
        using var http = Client(baseUrl);
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { email, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Registers a new buyer and signs them in; answers their token.</summary>
    public static async Task<string> NewBuyerAsync(string baseUrl)
    {
        using var http = Client(baseUrl);
        var email = $"buyer-{Guid.NewGuid():N}@cluster.test";
        using var registered = await http.PostAsJsonAsync("/api/users", new { email, password = BuyerPassword, name = "Buyer" });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        return await TokenAsync(baseUrl, email, BuyerPassword);
    }

    public static async Task<int> CreateCategoryAsync(HttpClient admin, string name)
    {
        using var response = await admin.PostAsJsonAsync("/api/admin/categories", new { name });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("categoryId").GetInt32();
    }

    /// <summary>Creates a product with one variant per SKU, each with <paramref name="stock"/> units; answers the SKUs.</summary>
    public static async Task<string[]> CreateProductAsync(HttpClient admin, int categoryId, string label, int variants, int stock, int? perUserLimit = null)
    {
        var skus = Enumerable.Range(0, variants).Select(i => $"{label}-{Guid.NewGuid():N}"[..(label.Length + 9)].ToUpperInvariant() + $"-{i:D2}").ToArray();
        using var response = await admin.PostAsJsonAsync("/api/admin/products", new
        {
            title = $"{label} 운동화",
            brand = "Cluster",
            categoryIds = new[] { categoryId },
            primaryCategoryId = categoryId,
            variants = skus.Select(sku => new { sku, price = new { amount = 39_000, currency = "KRW" }, initialStock = stock, perUserLimit }).ToArray(),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return skus;
    }

    /// <summary>Places an order of one line; answers the status and, when accepted, the order id.</summary>
    public static async Task<(HttpStatusCode Status, string? OrderId, string Body)> PlaceAsync(HttpClient buyer, string sku, int quantity, string paymentToken, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { items = new[] { new { sku, quantity } }, paymentToken }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await buyer.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var orderId = response.StatusCode == HttpStatusCode.Accepted ? JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetString() : null;
        return (response.StatusCode, orderId, body);
    }

    /// <summary>An order's status and, when it did not go ahead, why (its <c>failureReason</c>).</summary>
    public static async Task<(string Status, string? FailureReason)> OrderOutcomeAsync(HttpClient buyer, string orderId)
    {
        var order = await buyer.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");
        return (order.GetProperty("status").GetString()!, order.TryGetProperty("failureReason", out var reason) ? reason.GetString() : null);
    }

    public static async Task<(int Stock, int Reserved, int Sold)> InventoryAsync(HttpClient admin, string sku)
    {
        var inventory = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/inventory/{sku}");
        return (inventory.GetProperty("stock").GetInt32(), inventory.GetProperty("reserved").GetInt32(), inventory.GetProperty("sold").GetInt32());
    }
}
