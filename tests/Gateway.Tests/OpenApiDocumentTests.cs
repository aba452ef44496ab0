using System.Reflection;
using System.Text.Json;
using Shop.Gateway.Tests.Hosting;

namespace Shop.Gateway.Tests;

/// <summary>
/// <c>/openapi/v1.json</c> against shared/API.md: every endpoint is there, each with its success body and its problem
/// responses, each problem response naming API.md codes; the administrator's endpoints say 401 and 403, bodies say
/// 400, 413 and 415.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    /// <summary>Every endpoint of API.md (and the gateway's additions: the browser session, the operations figures).</summary>
    public static TheoryData<string, string> Endpoints => new()
    {
        { "post", "/api/users" }, { "post", "/api/auth/token" }, { "get", "/api/users/me" }, { "get", "/api/admin/users/{userId}" },
        { "post", "/api/auth/session" }, { "delete", "/api/auth/session" },
        { "get", "/api/categories" }, { "get", "/api/categories/{categoryId}/products" }, { "get", "/api/products/{productId}" }, { "get", "/api/search" },
        { "post", "/api/admin/categories" }, { "post", "/api/admin/products" }, { "put", "/api/admin/products/{productId}" }, { "delete", "/api/admin/products/{productId}" },
        { "post", "/api/admin/warmup" }, { "get", "/api/inventory/{sku}" }, { "get", "/api/admin/inventory/{sku}" }, { "put", "/api/admin/inventory/{sku}" },
        { "get", "/api/cart" }, { "put", "/api/cart/items/{sku}" }, { "delete", "/api/cart/items/{sku}" }, { "post", "/api/cart/checkout" },
        { "post", "/api/orders" }, { "get", "/api/orders" }, { "get", "/api/orders/{orderId}" }, { "post", "/api/orders/{orderId}/cancel" },
        { "get", "/api/admin/sagas" }, { "get", "/api/admin/dead-letters" }, { "post", "/api/admin/dead-letters/{id}/replay" }, { "delete", "/api/admin/dead-letters/{id}" },
        { "get", "/api/admin/cluster" }, { "get", "/api/admin/operations" },
    };

    private static readonly HashSet<string> KnownCodes = typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_endpoint_has_its_success_and_its_problems_with_their_codes(string method, string path)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);
        var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture), r => r.Value);

        var success = Assert.Single(responses, r => r.Key is >= 200 and < 300);
        if (success.Key is 200 or 201)
        {
            Assert.True(success.Value.GetProperty("content").TryGetProperty("application/json", out _), $"{method} {path}: {success.Key} has no JSON body");
        }

        var problems = responses.Where(r => r.Key >= 400).ToList();
        Assert.NotEmpty(problems);
        foreach (var (status, response) in problems)
        {
            Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path}: {status} is not problem JSON");
            var codes = System.Text.RegularExpressions.Regex.Matches(response.GetProperty("description").GetString()!, "`([a-z0-9-]+)`").Select(m => m.Groups[1].Value).ToList();
            Assert.True(codes.Count > 0, $"{method} {path}: {status} names no code");
            Assert.All(codes, code => Assert.Contains(code, KnownCodes));
        }

        if (path.StartsWith("/api/admin/", StringComparison.Ordinal))
        {
            Assert.Contains(401, responses.Keys);
            Assert.Contains(403, responses.Keys);
        }

        if (operation.TryGetProperty("requestBody", out _))
        {
            Assert.Contains(400, responses.Keys);
            Assert.Contains(413, responses.Keys);
            Assert.Contains(415, responses.Keys);
        }
    }

    [Fact]
    public async Task Placing_an_order_documents_the_idempotency_key_and_every_refusal()
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/orders").GetProperty("post");

        var header = Assert.Single(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", header.GetProperty("in").GetString());
        var described = string.Join("\n", operation.GetProperty("responses").EnumerateObject().Select(r => r.Value.GetProperty("description").GetString()));
        foreach (var code in new[] { "out-of-stock", "purchase-limit-exceeded", "unknown-sku", "idempotency-key-reuse", "user-dormant", "rate-limited", "unauthorized", "validation-failed" })
        {
            Assert.Contains($"`{code}`", described);
        }
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = shop.CreateApiClient();
        var response = await client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
