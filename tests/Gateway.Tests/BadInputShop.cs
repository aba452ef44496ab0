using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Shop.Gateway.Auth;
using Shop.Gateway.Tests.Catalog;
using Shop.Gateway.Tests.Hosting;
using Shop.Grains.Interfaces.Orders;
using Shop.Streaming;

namespace Shop.Gateway.Tests;

/// <summary>Who sends a request of the bad-input battery.</summary>
public enum Caller
{
    Anonymous,
    User,
    Admin,
}

/// <summary>
/// A silo for <see cref="BadInputTests{TShop}"/>, seeded once with what the battery's valid requests need: the
/// administrator's and two users' tokens, a category, a SKU with plenty of stock to order, a SKU whose stock the
/// administrator sets, a product to replace, a product whose description holds every injection string of the search
/// battery (so that searching for one finds it), and an order of the other user.
/// </summary>
public abstract class BadInputShop : ShopApiFactory, IAsyncLifetime
{
    private BadInputWorld? _world;

    /// <summary>Over Kestrel, so that what a real server does with a request (chunked bodies past the limit) is part of it.</summary>
    protected BadInputShop(ShopStorage storage)
        : base(storage) => WithKestrel();

    public BadInputWorld World => _world ?? throw new InvalidOperationException("The silo has not been seeded.");

    async Task IAsyncLifetime.InitializeAsync()
    {
        await StartAsync();
        _world = await BadInputWorld.SeedAsync(this);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        _world?.Dispose();
        await DisposeAsync();
    }
}

public sealed class SqliteBadInputShop() : BadInputShop(ShopStorage.Sqlite);

public sealed class MySqlBadInputShop() : BadInputShop(ShopStorage.MySql);

/// <summary>What the battery's requests refer to, and how they are sent and judged.</summary>
public sealed class BadInputWorld : IDisposable
{
    public const int OrderStock = 1_000_000;

    /// <summary>
    /// The codes a problem may carry: shared/API.md's Errors table, and the project's <see cref="ProblemCodes"/> (which
    /// adds the codes of endpoints the table predates, such as <c>sku-taken</c>), except <c>internal-error</c>: a 5xx is
    /// never the answer to a client's mistake.
    /// </summary>
    public static readonly IReadOnlySet<string> KnownCodes = new HashSet<string>(
        new[]
        {
            "validation-failed", "unauthorized", "forbidden", "not-found", "email-taken", "out-of-stock", "purchase-limit-exceeded",
            "stock-below-reserved", "unknown-sku", "idempotency-key-reuse", "user-dormant", "payload-too-large", "rate-limited",
        }.Concat(typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!))
        .Where(code => code != ProblemCodes.InternalError),
        StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private int _sequence;

    private BadInputWorld(BadInputShop shop, HttpClient client)
    {
        Shop = shop;
        Client = client;
    }

    public BadInputShop Shop { get; }

    /// <summary>The one client of the battery; each request carries its own Authorization header.</summary>
    public HttpClient Client { get; }

    public string AdminToken { get; private set; } = "";

    public RegisteredUser User { get; private set; } = null!;

    public string UserToken { get; private set; } = "";

    public string OtherUserToken { get; private set; } = "";

    public int CategoryId { get; private set; }

    /// <summary>A SKU on sale with <see cref="OrderStock"/> units, for the valid orders, carts and checkouts.</summary>
    public string OrderSku { get; private set; } = "";

    public long OrderProductId { get; private set; }

    /// <summary>A SKU whose stock the valid <c>PUT /api/admin/inventory/{sku}</c> sets.</summary>
    public string InventorySku { get; private set; } = "";

    /// <summary>The product the valid <c>PUT /api/admin/products/{id}</c> replaces with <see cref="ReplacementProduct"/>.</summary>
    public long ReplaceProductId { get; private set; }

    public string ReplaceSku { get; private set; } = "";

    /// <summary>The category of the product whose description holds the injection strings.</summary>
    public int SearchCategoryId { get; private set; }

    public long SearchProductId { get; private set; }

    /// <summary>An order of the other user: the user must not see or cancel it.</summary>
    public string OtherUsersOrderId { get; private set; } = "";

    public static async Task<BadInputWorld> SeedAsync(BadInputShop shop)
    {
        var world = new BadInputWorld(shop, shop.CreateApiClient());
        world.AdminToken = await shop.TokenAsync(ShopApiFactory.AdminEmail, ShopApiFactory.AdminPassword);
        world.User = await shop.RegisterAsync(ShopApiFactory.NewEmail("bad-input"));
        world.UserToken = await shop.TokenAsync(world.User.Email, world.User.Password);
        var other = await shop.RegisterAsync(ShopApiFactory.NewEmail("bad-input-other"));
        world.OtherUserToken = await shop.TokenAsync(other.Email, other.Password);

        using var admin = shop.WithToken(world.AdminToken);
        world.CategoryId = await CatalogApi.CreateCategoryAsync(admin, "Bad input " + Guid.NewGuid().ToString("N")[..8]);
        (world.OrderSku, world.InventorySku, world.ReplaceSku) = (CatalogApi.NewSku("ORD"), CatalogApi.NewSku("INV"), CatalogApi.NewSku("REP"));
        world.OrderProductId = await CatalogApi.CreateProductAsync(admin, CatalogApi.Product("Bad input order", "Battery", [world.CategoryId], (world.OrderSku, 1000m, OrderStock)));
        await CatalogApi.CreateProductAsync(admin, CatalogApi.Product("Bad input inventory", "Battery", [world.CategoryId], (world.InventorySku, 1000m, 10)));
        world.ReplaceProductId = await CatalogApi.CreateProductAsync(admin, world.ReplacementProduct());

        world.SearchCategoryId = await CatalogApi.CreateCategoryAsync(admin, "Injection " + Guid.NewGuid().ToString("N")[..8]);
        var searchable = CatalogApi.Product("Injection strings as plain text", "Battery", [world.SearchCategoryId], (CatalogApi.NewSku("INJ"), 1000m, 1));
        var node = JsonSerializer.SerializeToNode(searchable, Web)!.AsObject();
        node["description"] = string.Join('\n', BadInputCases.InjectionStrings);
        world.SearchProductId = await CatalogApi.CreateProductAsync(admin, node);

        using (var otherClient = shop.WithToken(world.OtherUserToken))
        {
            world.OtherUsersOrderId = await Orders.OrderApi.PlaceAcceptedAsync(otherClient, "tok_ok", (world.OrderSku, 1));
        }

        // The search battery looks for the product by its description: wait until the read model has it.
        using var anonymous = shop.CreateApiClient();
        await CatalogApi.EventuallyAsync(anonymous, $"/api/categories/{world.SearchCategoryId}/products", (ids, _) => ids.Contains(world.SearchProductId));
        return world;
    }

    public int Next() => Interlocked.Increment(ref _sequence);

    /// <summary>A valid body for <c>POST /api/admin/products</c> with a SKU of its own.</summary>
    public JsonObject NewProduct() => ProductBody("Bad input product " + Next(), CatalogApi.NewSku("NEW"));

    /// <summary>A valid body for <c>PUT /api/admin/products/{ReplaceProductId}</c>: its own SKU, another description.</summary>
    public JsonObject ReplacementProduct() => ProductBody("Bad input replaceable", ReplaceSku);

    public string TokenOf(Caller caller) => caller switch
    {
        Caller.User => UserToken,
        Caller.Admin => AdminToken,
        _ => "",
    };

    /// <summary>A request as <paramref name="caller"/>, with a JSON body when given.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, Caller caller, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (caller != Caller.Anonymous)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenOf(caller));
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>A request with a body of exactly these bytes and this Content-Type (none when null).</summary>
    public HttpRequestMessage RawRequest(HttpMethod method, string path, Caller caller, byte[] body, string? contentType = "application/json")
    {
        var request = Request(method, path, caller);
        request.Content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await Client.SendAsync(request);
        }
    }

    /// <summary>A dead letter of a real event (an order's journal line as its stream carries it), as a failing consumer leaves it.</summary>
    public async Task<long> AddDeadLetterAsync()
    {
        var orderId = OrderIds.New();
        var source = $"order/{orderId}";
        var streamEvent = new StreamEvent(StreamEvent.IdOf(source, 1), source, 1, DateTimeOffset.UtcNow, new OrderEvent(OrderEventKind.Cancelled, orderId, DateTimeOffset.UtcNow));
        var payload = Shop.Services.GetRequiredService<Serializer>().SerializeToArray(streamEvent);
        var letter = new DeadLetter(0, streamEvent.EventId, StreamNames.Provider, OrderStreams.Orders, orderId, streamEvent.PayloadType, payload, false,
            $"payment/{orderId}", "the handler failed", 3, DateTimeOffset.UtcNow, DeadLetterStatus.Open);
        return await Shop.Services.GetRequiredService<IDeadLetterStore>().AddAsync(letter);
    }

    /// <summary>The cluster's own signing key, to make tokens that are signed right but wrong otherwise (expired, another audience).</summary>
    public async Task<byte[]> SigningKeyAsync() => (await Shop.Services.GetRequiredService<TokenSigningKeys>().GetAsync()).Key;

    /// <summary>An order of the user, placed through the API; returns its id.</summary>
    public async Task<string> PlaceUserOrderAsync()
    {
        var response = await SendAsync(Request(HttpMethod.Post, "/api/orders", Caller.User, OrderBody()));
        return await Orders.OrderApi.AcceptedAsync(response);
    }

    public JsonObject OrderBody(int quantity = 1) => new()
    {
        ["items"] = new JsonArray(new JsonObject { ["sku"] = OrderSku, ["quantity"] = quantity }),
        ["paymentToken"] = "tok_ok",
    };

    /// <summary>
    /// Asserts that an answer is a client error as shared/API.md, Errors, has it: exactly <paramref name="status"/>, never a
    /// 5xx, <c>application/problem+json</c> with <c>type</c>, <c>title</c>, <c>status</c>, a <c>detail</c> and a known
    /// <paramref name="code"/>, and when <paramref name="field"/> is given, <c>errors</c> naming it.
    /// </summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{response.RequestMessage?.Method} {Shorten(response.RequestMessage?.RequestUri?.PathAndQuery)} answered {(int)response.StatusCode}: {Shorten(text)}";
        Assert.True((int)response.StatusCode < 500, "A client mistake must never answer 5xx. " + what);
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}. " + what);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"Expected application/problem+json, got '{response.Content.Headers.ContentType}'. " + what);
        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"The problem is not JSON ({e.Message}). " + what);
        }

        Assert.True(problem.ValueKind == JsonValueKind.Object, "The problem is not a JSON object. " + what);
        Assert.True(problem.TryGetProperty("code", out var actualCode) && actualCode.ValueKind == JsonValueKind.String, "The problem has no code. " + what);
        Assert.True(KnownCodes.Contains(actualCode.GetString()!), $"'{actualCode.GetString()}' is not a code of API.md or ProblemCodes. " + what);
        Assert.True(actualCode.GetString() == code, $"Expected code {code}. " + what);
        Assert.True(problem.TryGetProperty("status", out var actualStatus) && actualStatus.ValueKind == JsonValueKind.Number && actualStatus.GetInt32() == (int)status, "The problem's status differs from the answer's. " + what);
        foreach (var member in new[] { "type", "title", "detail" })
        {
            Assert.True(problem.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0, $"The problem has no {member}. " + what);
        }

        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object, "The problem has no errors. " + what);
            Assert.True(errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0 && messages.EnumerateArray().All(m => m.GetString() is { Length: > 0 }), $"errors does not name '{field}'. " + what);
        }

        return problem;
    }

    /// <summary>Asserts that Kestrel itself refused a request past its limits: exactly <paramref name="status"/>, never a 5xx.</summary>
    public static async Task AssertRefusedByServerAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{response.RequestMessage?.Method} {Shorten(response.RequestMessage?.RequestUri?.PathAndQuery)} answered {(int)response.StatusCode}: {Shorten(text)}";
        Assert.True((int)response.StatusCode < 500, "A client mistake must never answer 5xx. " + what);
        Assert.True(response.StatusCode == status, $"Expected the server's own {(int)status}. " + what);
    }

    /// <summary>Asserts a 2xx: the genuinely valid request of a case, which shows the case can fail.</summary>
    public static async Task<string> AssertSuccessAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"The valid request {response.RequestMessage?.Method} {Shorten(response.RequestMessage?.RequestUri?.PathAndQuery)} answered {(int)response.StatusCode}: {Shorten(text)}");
        return text;
    }

    /// <summary>The service is still ready to serve.</summary>
    public async Task AssertReadyAsync()
    {
        var ready = await Client.GetAsync("/health/ready");
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"/health/ready answered {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => Client.Dispose();

    private JsonObject ProductBody(string title, string sku) =>
        JsonSerializer.SerializeToNode(CatalogApi.Product(title, "Battery", [CategoryId], (sku, 1000m, 10)), Web)!.AsObject();

    private static string Shorten(string? text) => text is { Length: > 600 } ? text[..600] + $"… ({text.Length} characters)" : text ?? "";
}

/// <summary>Bodies made by changing one member of a valid body, including values that JsonNode cannot hold (1e309, lone surrogates).</summary>
public static class JsonEdit
{
    private const string Placeholder = "@@raw-value-7f3a@@";

    /// <summary>The body with the member at <paramref name="path"/> (<c>a.b[0].c</c>) set to the raw JSON <paramref name="rawJson"/>, or removed when null.</summary>
    public static string With(JsonObject body, string path, string? rawJson)
    {
        var copy = body.DeepClone().AsObject();
        var (parent, last) = Walk(copy, path);
        if (rawJson is null)
        {
            switch (parent)
            {
                case JsonObject o:
                    o.Remove(last);
                    break;
                case JsonArray a:
                    a.RemoveAt(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }

            return copy.ToJsonString();
        }

        switch (parent)
        {
            case JsonObject o:
                o[last] = Placeholder;
                break;
            case JsonArray a:
                a[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = Placeholder;
                break;
        }

        return copy.ToJsonString().Replace($"\"{Placeholder}\"", rawJson, StringComparison.Ordinal);
    }

    /// <summary>A JSON string literal of <paramref name="text"/> (escaped by the serializer).</summary>
    public static string String(string text) => JsonSerializer.Serialize(text);

    private static (JsonNode Parent, string Last) Walk(JsonNode root, string path)
    {
        var parts = path.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = node is JsonArray array ? array[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : node[part]!;
        }

        return (node, parts[^1]);
    }
}
