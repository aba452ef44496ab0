using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Gateway.Tests.Orders;

/// <summary>What the order tests do again and again: place an order, and poll it as a client of API.md would.</summary>
internal static class OrderApi
{
    public static Task<HttpResponseMessage> PlaceAsync(HttpClient buyer, string token, string? idempotencyKey, params (string Sku, int Quantity)[] lines)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { items = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(), paymentToken = token }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return buyer.SendAsync(request);
    }

    /// <summary>Places an order and checks the 202 of API.md (Location, Retry-After, body); returns the order id.</summary>
    public static async Task<string> PlaceAcceptedAsync(HttpClient buyer, string token, params (string Sku, int Quantity)[] lines)
    {
        var response = await PlaceAsync(buyer, token, null, lines);
        return await AcceptedAsync(response);
    }

    public static async Task<string> AcceptedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        var orderId = body.GetProperty("orderId").GetString()!;
        Assert.Equal($"/api/orders/{orderId}", response.Headers.Location?.OriginalString);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        return orderId;
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string orderId)
    {
        var response = await client.GetAsync($"/api/orders/{orderId}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Polls the order until its status is <paramref name="status"/> (and <paramref name="until"/> holds, if given), as a
    /// client following the 202 does. Fails with the last answer after two minutes, far beyond any healthy saga.
    /// </summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, string orderId, string status, Func<JsonElement, bool>? until = null)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var order = await GetAsync(client, orderId);
            if (order.GetProperty("status").GetString() == status && (until is null || until(order)))
            {
                return order;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Order {orderId} never reached {status}; last answer: {order}");
            }

            await Task.Delay(100);
        }
    }

    public static string[] Steps(JsonElement order) => [.. order.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("step").GetString()!)];

    public static async Task<(int Stock, int Reserved, int Sold)> InventoryAsync(HttpClient admin, string sku)
    {
        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/inventory/{sku}");
        return (view.GetProperty("stock").GetInt32(), view.GetProperty("reserved").GetInt32(), view.GetProperty("sold").GetInt32());
    }

    /// <summary>Asks until <paramref name="done"/> holds for the inventory of <paramref name="sku"/>; fails after two minutes.</summary>
    public static async Task<(int Stock, int Reserved, int Sold)> InventoryEventuallyAsync(HttpClient admin, string sku, Func<(int Stock, int Reserved, int Sold), bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var inventory = await InventoryAsync(admin, sku);
            if (done(inventory))
            {
                return inventory;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The inventory of {sku} never reached the expected state; last: {inventory}");
            }

            await Task.Delay(100);
        }
    }
}
