using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Shop.Gateway.Tests.Hosting;
using static Shop.Gateway.Tests.BadInputCases;

namespace Shop.Gateway.Tests;

/// <summary>
/// Issue 11's bad-input battery, over real HTTP against the real silo: every endpoint of shared/API.md that takes a
/// body, a query or route values gets malformed JSON, JSON of the wrong type, missing fields, negative, zero and huge
/// numbers, long strings, unicode, injection strings, bad content types, abused headers, bad bearer tokens and bad
/// Idempotency-Keys. Each case is one test: the bad request answers exactly the 4xx problem of API.md (never a 5xx,
/// always <c>application/problem+json</c> with a known <c>code</c>), then the same endpoint's genuinely valid request
/// answers 2xx (so the case could fail), and <c>/health/ready</c> is still 200. Search treats injection strings as
/// plain text: they find the product whose description holds them.
/// </summary>
public abstract class BadInputTests<TShop>(TShop shop) where TShop : BadInputShop
{
    protected BadInputWorld World { get; } = shop.World;

    [Theory]
    [MemberData(nameof(BodyCaseNames), MemberType = typeof(BadInputCases))]
    public Task Bodies_that_are_not_the_JSON_object_asked_for_are_validation_problems(string @case) => RunAsync(Cases[@case]);

    [Theory]
    [MemberData(nameof(FieldCaseNames), MemberType = typeof(BadInputCases))]
    public Task Wrong_missing_and_out_of_range_fields_are_refused(string @case) => RunAsync(Cases[@case]);

    [Theory]
    [MemberData(nameof(ContentCaseNames), MemberType = typeof(BadInputCases))]
    public Task Bodies_of_other_media_types_or_over_the_limit_are_refused(string @case) => RunAsync(Cases[@case]);

    [Theory]
    [MemberData(nameof(RouteCaseNames), MemberType = typeof(BadInputCases))]
    public Task Route_values_that_name_nothing_are_refused(string @case) => RunAsync(Cases[@case]);

    [Theory]
    [MemberData(nameof(QueryCaseNames), MemberType = typeof(BadInputCases))]
    public Task Bad_query_values_are_validation_problems(string @case) => RunAsync(Cases[@case]);

    [Theory]
    [MemberData(nameof(AuthorizationCaseNames), MemberType = typeof(BadInputCases))]
    public Task Bad_authorization_headers_are_unauthorized(string @case) => RunAsync(Cases[@case]);

    [Theory]
    [MemberData(nameof(HeaderCaseNames), MemberType = typeof(BadInputCases))]
    public Task Abused_headers_and_idempotency_keys_are_refused(string @case) => RunAsync(Cases[@case]);

    [Theory]
    [MemberData(nameof(InjectionStringIndexes), MemberType = typeof(BadInputCases))]
    public async Task Injection_strings_in_search_are_plain_text_that_finds_what_holds_them(int index)
    {
        var q = InjectionStrings[index];

        var found = await World.SendAsync(World.Request(HttpMethod.Get, $"/api/search?categoryId={World.SearchCategoryId}&q={Uri.EscapeDataString(q)}", Caller.Anonymous));

        var page = JsonDocument.Parse(await BadInputWorld.AssertSuccessAsync(found)).RootElement;
        Assert.Equal("application/json", found.Content.Headers.ContentType?.MediaType);
        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("productId").GetInt64()).ToList();
        Assert.True(ids.Contains(World.SearchProductId), $"Searching for {JsonEdit.String(q)} did not find the product that holds it: {page}");
        Assert.Equal(1, page.GetProperty("page").GetInt32());

        // The same text as a brand filter, and outside any category, is plain text too (it just matches nothing here).
        await BadInputWorld.AssertSuccessAsync(await World.SendAsync(World.Request(HttpMethod.Get, $"/api/search?brand={Uri.EscapeDataString(q[..Math.Min(q.Length, 100)])}&q={Uri.EscapeDataString(q)}", Caller.Anonymous)));
        await World.AssertReadyAsync();
    }

    [Theory]
    [MemberData(nameof(TextCaseNames), MemberType = typeof(BadInputCases))]
    public async Task Unicode_and_injection_strings_are_kept_as_sent(string @case)
    {
        var text = Texts[@case];
        using var admin = World.Shop.WithToken(World.AdminToken);

        // A user's name.
        var email = ShopApiFactory.NewEmail("text");
        var registered = await World.SendAsync(World.Request(HttpMethod.Post, "/api/users", Caller.Anonymous, new JsonObject { ["email"] = email, ["password"] = ShopApiFactory.DefaultPassword, ["name"] = text }));
        Assert.Equal(text, JsonDocument.Parse(await BadInputWorld.AssertSuccessAsync(registered)).RootElement.GetProperty("name").GetString());
        var token = await World.Shop.TokenAsync(email, ShopApiFactory.DefaultPassword);
        var me = await World.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/users/me") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } });
        Assert.Equal(text, JsonDocument.Parse(await BadInputWorld.AssertSuccessAsync(me)).RootElement.GetProperty("name").GetString());

        // A category's name.
        var category = await World.SendAsync(World.Request(HttpMethod.Post, "/api/admin/categories", Caller.Admin, new JsonObject { ["name"] = text, ["parentId"] = World.CategoryId }));
        Assert.Equal(text, JsonDocument.Parse(await BadInputWorld.AssertSuccessAsync(category)).RootElement.GetProperty("name").GetString());

        // A product's title, brand, description and attribute.
        var body = World.NewProduct();
        body["title"] = text;
        body["brand"] = text;
        body["description"] = text;
        body["attributes"] = new JsonObject { [text] = text };
        var created = JsonDocument.Parse(await BadInputWorld.AssertSuccessAsync(await World.SendAsync(World.Request(HttpMethod.Post, "/api/admin/products", Caller.Admin, body)))).RootElement;
        var product = JsonDocument.Parse(await BadInputWorld.AssertSuccessAsync(await World.SendAsync(World.Request(HttpMethod.Get, $"/api/products/{created.GetProperty("productId").GetInt64()}", Caller.Anonymous)))).RootElement;
        Assert.Equal(text, product.GetProperty("title").GetString());
        Assert.Equal(text, product.GetProperty("brand").GetString());
        Assert.Equal(text, product.GetProperty("attributes").GetProperty(text).GetString());

        // As a search text it is plain text.
        await BadInputWorld.AssertSuccessAsync(await World.SendAsync(World.Request(HttpMethod.Get, $"/api/search?q={Uri.EscapeDataString(text)}", Caller.Anonymous)));
        await World.AssertReadyAsync();
    }

    [Fact]
    public async Task After_the_whole_battery_at_once_the_service_is_ready_and_a_normal_order_completes()
    {
        // Every bad request of every case, eight at a time, and nothing else in between.
        var failures = new List<string>();
        await Parallel.ForEachAsync(Cases.Values, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (@case, _) =>
        {
            try
            {
                await @case.AssertAnsweredAsync(await World.SendAsync(await @case.Build(World)));
            }
            catch (Exception e)
            {
                lock (failures)
                {
                    failures.Add($"{@case.Name}: {e.Message} {e.InnerException?.Message}");
                }
            }
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        await World.AssertReadyAsync();
        var user = await World.Shop.RegisterAsync();
        using var buyer = await World.Shop.SignInAsync(user);
        var cart = await buyer.PutAsync($"/api/cart/items/{World.OrderSku}", new StringContent("{\"quantity\":2}", Encoding.UTF8, "application/json"));
        await BadInputWorld.AssertSuccessAsync(cart);
        var checkout = await buyer.PostAsync("/api/cart/checkout", new StringContent("{\"paymentToken\":\"tok_ok\"}", Encoding.UTF8, "application/json"));
        var orderId = await Orders.OrderApi.AcceptedAsync(checkout);
        var order = await Orders.OrderApi.WaitForAsync(buyer, orderId, "Completed");
        Assert.Equal(2, order.GetProperty("items")[0].GetProperty("quantity").GetInt32());
    }

    /// <summary>The bad request answers its problem; the endpoint's valid request still answers 2xx; the service is ready.</summary>
    private async Task RunAsync(BadCase @case)
    {
        try
        {
            await @case.AssertAnsweredAsync(await World.SendAsync(await @case.Build(World)));
            await BadInputWorld.AssertSuccessAsync(await World.SendAsync(await @case.Endpoint.ValidAsync(World)));
            await World.AssertReadyAsync();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException { Message: var m } || !m.StartsWith(@case.Name, StringComparison.Ordinal))
        {
            // The display name of a theory case is cut short; the message names the whole case.
            throw new Xunit.Sdk.XunitException($"{@case.Name}: {e.Message}", e);
        }
    }
}

public sealed class BadInputOnSqlite(SqliteBadInputShop shop) : BadInputTests<SqliteBadInputShop>(shop), IClassFixture<SqliteBadInputShop>;

public sealed class BadInputOnMySql(MySqlBadInputShop shop) : BadInputTests<MySqlBadInputShop>(shop), IClassFixture<MySqlBadInputShop>;

/// <summary>An endpoint of API.md and how to make a genuinely valid request to it.</summary>
public sealed record Endpoint(
    string Name,
    HttpMethod Method,
    Func<BadInputWorld, string> Path,
    Caller Caller,
    Func<BadInputWorld, JsonObject>? Body = null,
    Func<BadInputWorld, Task<HttpRequestMessage>>? Valid = null)
{
    public Task<HttpRequestMessage> ValidAsync(BadInputWorld world) => Valid?.Invoke(world) ?? Task.FromResult(world.Request(Method, Path(world), Caller, Body?.Invoke(world)));
}

/// <summary>One bad request and the problem it must answer.</summary>
/// <summary>
/// One bad request and the problem it must answer. A request past Kestrel's own limits (a request line over 8 KiB,
/// headers over 32 KiB, a NUL in the path) is refused by the server before the application sees it
/// (<paramref name="ByServer"/>): the status is Kestrel's, with no problem body, and the service must stay ready all the same.
/// </summary>
public sealed record BadCase(string Name, Endpoint Endpoint, Func<BadInputWorld, Task<HttpRequestMessage>> Build, HttpStatusCode Status, string Code, string? Field = null, bool ByServer = false)
{
    public Task AssertAnsweredAsync(HttpResponseMessage response) => ByServer
        ? BadInputWorld.AssertRefusedByServerAsync(response, Status)
        : BadInputWorld.AssertProblemAsync(response, Status, Code, Field);
}

/// <summary>The battery: every case by name (xunit shows each name as one test).</summary>
public static class BadInputCases
{
    private const string Validation = "validation-failed";
    private const string NotFound = "not-found";

    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    // ---- The endpoints ----

    public static readonly Endpoint Register = new("POST /api/users", Post, _ => "/api/users", Caller.Anonymous,
        _ => new JsonObject { ["email"] = ShopApiFactory.NewEmail("valid"), ["password"] = ShopApiFactory.DefaultPassword, ["name"] = "Valid Name" });

    public static readonly Endpoint Token = new("POST /api/auth/token", Post, _ => "/api/auth/token", Caller.Anonymous,
        w => new JsonObject { ["email"] = w.User.Email, ["password"] = w.User.Password });

    public static readonly Endpoint Me = new("GET /api/users/me", Get, _ => "/api/users/me", Caller.User);

    public static readonly Endpoint GetUser = new("GET /api/admin/users/{userId}", Get, w => $"/api/admin/users/{w.User.UserId}", Caller.Admin);

    public static readonly Endpoint CreateCategory = new("POST /api/admin/categories", Post, _ => "/api/admin/categories", Caller.Admin,
        w => new JsonObject { ["name"] = "Valid category " + w.Next(), ["parentId"] = w.CategoryId });

    public static readonly Endpoint ListCategoryProducts = new("GET /api/categories/{id}/products", Get, w => $"/api/categories/{w.CategoryId}/products?includeDescendants=true&page=1&pageSize=20", Caller.Anonymous);

    public static readonly Endpoint CreateProduct = new("POST /api/admin/products", Post, _ => "/api/admin/products", Caller.Admin, w => w.NewProduct());

    public static readonly Endpoint GetProduct = new("GET /api/products/{id}", Get, w => $"/api/products/{w.OrderProductId}", Caller.Anonymous);

    public static readonly Endpoint ReplaceProduct = new("PUT /api/admin/products/{id}", Put, w => $"/api/admin/products/{w.ReplaceProductId}", Caller.Admin, w => w.ReplacementProduct());

    public static readonly Endpoint DeleteProduct = new("DELETE /api/admin/products/{id}", Delete, w => $"/api/admin/products/{w.ReplaceProductId}", Caller.Admin,
        Valid: async w =>
        {
            var created = await w.SendAsync(w.Request(Post, "/api/admin/products", Caller.Admin, w.NewProduct()));
            var id = JsonDocument.Parse(await BadInputWorld.AssertSuccessAsync(created)).RootElement.GetProperty("productId").GetInt64();
            return w.Request(Delete, $"/api/admin/products/{id}", Caller.Admin);
        });

    public static readonly Endpoint Warmup = new("POST /api/admin/warmup", Post, _ => "/api/admin/warmup", Caller.Admin,
        w => new JsonObject { ["productIds"] = new JsonArray(w.OrderProductId), ["skus"] = new JsonArray(w.OrderSku) });

    public static readonly Endpoint Search = new("GET /api/search", Get, w => $"/api/search?q=battery&categoryId={w.CategoryId}&brand=Battery&minPrice=0&maxPrice=5000&page=1&pageSize=20", Caller.Anonymous);

    public static readonly Endpoint GetAvailability = new("GET /api/inventory/{sku}", Get, w => $"/api/inventory/{w.OrderSku}", Caller.Anonymous);

    public static readonly Endpoint GetInventory = new("GET /api/admin/inventory/{sku}", Get, w => $"/api/admin/inventory/{w.InventorySku}", Caller.Admin);

    public static readonly Endpoint AdjustInventory = new("PUT /api/admin/inventory/{sku}", Put, w => $"/api/admin/inventory/{w.InventorySku}", Caller.Admin,
        _ => new JsonObject { ["stock"] = 10 });

    public static readonly Endpoint GetCart = new("GET /api/cart", Get, _ => "/api/cart", Caller.User);

    public static readonly Endpoint SetCartItem = new("PUT /api/cart/items/{sku}", Put, w => $"/api/cart/items/{w.OrderSku}", Caller.User, _ => new JsonObject { ["quantity"] = 1 });

    public static readonly Endpoint RemoveCartItem = new("DELETE /api/cart/items/{sku}", Delete, w => $"/api/cart/items/{w.OrderSku}", Caller.User);

    public static readonly Endpoint Checkout = new("POST /api/cart/checkout", Post, _ => "/api/cart/checkout", Caller.User, _ => new JsonObject { ["paymentToken"] = "tok_ok" },
        Valid: async w =>
        {
            await BadInputWorld.AssertSuccessAsync(await w.SendAsync(w.Request(Put, $"/api/cart/items/{w.OrderSku}", Caller.User, new JsonObject { ["quantity"] = 1 })));
            return w.Request(Post, "/api/cart/checkout", Caller.User, new JsonObject { ["paymentToken"] = "tok_ok" });
        });

    public static readonly Endpoint PlaceOrder = new("POST /api/orders", Post, _ => "/api/orders", Caller.User, w => w.OrderBody());

    public static readonly Endpoint ListOrders = new("GET /api/orders", Get, _ => "/api/orders?page=1&pageSize=20", Caller.User);

    public static readonly Endpoint GetOrder = new("GET /api/orders/{id}", Get, _ => "/api/orders", Caller.User,
        Valid: async w => w.Request(Get, $"/api/orders/{await w.PlaceUserOrderAsync()}", Caller.User));

    public static readonly Endpoint CancelOrder = new("POST /api/orders/{id}/cancel", Post, _ => "/api/orders", Caller.User,
        Valid: async w => w.Request(Post, $"/api/orders/{await w.PlaceUserOrderAsync()}/cancel", Caller.User));

    public static readonly Endpoint Sagas = new("GET /api/admin/sagas", Get, _ => "/api/admin/sagas?state=stuck", Caller.Admin);

    public static readonly Endpoint DeadLetters = new("GET /api/admin/dead-letters", Get, _ => "/api/admin/dead-letters", Caller.Admin);

    public static readonly Endpoint ReplayDeadLetter = new("POST /api/admin/dead-letters/{id}/replay", Post, _ => "/api/admin/dead-letters", Caller.Admin,
        Valid: async w => w.Request(Post, $"/api/admin/dead-letters/{await w.AddDeadLetterAsync()}/replay", Caller.Admin));

    public static readonly Endpoint DiscardDeadLetter = new("DELETE /api/admin/dead-letters/{id}", Delete, _ => "/api/admin/dead-letters", Caller.Admin,
        Valid: async w => w.Request(Delete, $"/api/admin/dead-letters/{await w.AddDeadLetterAsync()}", Caller.Admin));

    /// <summary>The endpoints that read a JSON body.</summary>
    public static readonly Endpoint[] BodyEndpoints = [Register, Token, CreateCategory, CreateProduct, ReplaceProduct, Warmup, AdjustInventory, SetCartItem, Checkout, PlaceOrder];

    // ---- The inputs ----

    /// <summary>
    /// SQL, SQLite FTS5, Groonga (query and script syntax) and Mroonga boolean-mode injection strings, and other
    /// characters search engines treat specially. Each is a search text that must be taken literally.
    /// </summary>
    public static readonly string[] InjectionStrings =
    [
        "' OR '1'='1",
        "'; DROP TABLE products; --",
        "\" OR \"\"=\"",
        "1; SELECT SLEEP(5) --",
        "%' UNION SELECT email, password_hash FROM users --",
        "admin'--",
        ") OR (1=1",
        "\\'",
        "\\",
        "\"",
        "\"\"",
        "*",
        "NEAR(ab cd, 1)",
        "title:abc",
        "abc AND",
        "OR",
        "NOT abc",
        "^abc",
        "{abc def}:ghi",
        "-abc",
        "abc*",
        "@abc",
        "*D+ abc def",
        "*W1:10 abc",
        "*N\"abc def\" 5",
        "_key:abc",
        "title:@abc",
        "query(\"title\", \"abc\")",
        "+abc -def ~ghi",
        "<abc >def",
        "all_records()",
        "&& || &! &^",
        "title @ \"x\" || true",
        "*SI abc",
        "%",
        "_",
        "$1 ${x} #{x}",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "운동화\" OR \"",
    ];

    /// <summary>Text that is perfectly good data, however odd: it is stored and served back exactly.</summary>
    public static readonly Dictionary<string, string> Texts = new()
    {
        ["Korean"] = "김민준의 운동화",
        ["emoji with ZWJ sequences"] = "🛒🚀 👩‍👩‍👧 🇰🇷",
        ["right-to-left"] = "שלום עולם مرحبا",
        ["right-to-left override"] = "abc\u202Eevil\u202C",
        ["combining marks"] = "e\u0301 Z\u0351\u0352\u0353",
        ["SQL injection"] = "Robert'); DROP TABLE users;--",
        ["HTML"] = "<script>alert(1)</script>",
        ["Groonga script"] = "all_records() || _key @ \"x\"",
    };

    /// <summary>Which theory each case belongs to (declared before <see cref="Cases"/>, which fills it).</summary>
    private static readonly Dictionary<string, string> Kinds = [];

    public static readonly Dictionary<string, BadCase> Cases = Build();

    public static TheoryData<string> BodyCaseNames => Names("body");

    public static TheoryData<string> FieldCaseNames => Names("field");

    public static TheoryData<string> ContentCaseNames => Names("content");

    public static TheoryData<string> RouteCaseNames => Names("route");

    public static TheoryData<string> QueryCaseNames => Names("query");

    public static TheoryData<string> AuthorizationCaseNames => Names("authorization");

    public static TheoryData<string> HeaderCaseNames => Names("header");

    public static TheoryData<int> InjectionStringIndexes => new(Enumerable.Range(0, InjectionStrings.Length));

    public static TheoryData<string> TextCaseNames => new(Texts.Keys);

    private static TheoryData<string> Names(string kind) => new(Kinds.Where(k => k.Value == kind).Select(k => k.Key).Order(StringComparer.Ordinal));

    private static string S(string text) => JsonEdit.String(text);

    private static string Chars(int count, char c = 'x') => new(c, count);

    private static string JsonArrayOf(int count, Func<int, string> item) => "[" + string.Join(',', Enumerable.Range(0, count).Select(item)) + "]";

    private static Dictionary<string, BadCase> Build()
    {
        var cases = new Dictionary<string, BadCase>(StringComparer.Ordinal);
        void Add(string kind, BadCase @case)
        {
            cases.Add(@case.Name, @case);
            Kinds[@case.Name] = kind;
        }

        Task<HttpRequestMessage> Done(HttpRequestMessage request) => Task.FromResult(request);

        // Bodies that are not a JSON object: each body endpoint, 400 validation-failed naming the body.
        var deep = "{\"a\":" + new string('[', 1000) + new string(']', 1000) + "}";
        (string Label, Func<BadInputWorld, Endpoint, byte[]> Bytes)[] notObjects =
        [
            ("no body", (_, _) => []),
            ("white space only", (_, _) => Encoding.UTF8.GetBytes("  \r\n\t ")),
            ("a truncated object", (_, _) => Encoding.UTF8.GetBytes("{\"a\":")),
            ("an unterminated string", (_, _) => Encoding.UTF8.GetBytes("{\"a\":\"abc")),
            ("a trailing comma", (w, e) => Encoding.UTF8.GetBytes(e.Body!(w).ToJsonString()[..^1] + ",}")),
            ("single quotes", (_, _) => Encoding.UTF8.GetBytes("{'a':1}")),
            ("unquoted names", (_, _) => Encoding.UTF8.GetBytes("{a:1}")),
            ("a comment", (w, e) => Encoding.UTF8.GetBytes("/* hi */" + e.Body!(w).ToJsonString())),
            ("plain text", (_, _) => Encoding.UTF8.GetBytes("hello")),
            ("XML", (_, _) => Encoding.UTF8.GetBytes("<order><sku>x</sku></order>")),
            ("a form", (_, _) => Encoding.UTF8.GetBytes("email=a%40b.c&password=x")),
            ("two documents", (w, e) => Encoding.UTF8.GetBytes(e.Body!(w).ToJsonString() + " {}")),
            ("NaN", (_, _) => Encoding.UTF8.GetBytes("{\"a\": NaN}")),
            ("nesting 1000 deep", (_, _) => Encoding.UTF8.GetBytes(deep)),
            ("invalid UTF-8", (_, _) => [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
            ("JSON null", (_, _) => Encoding.UTF8.GetBytes("null")),
            ("an empty array", (_, _) => Encoding.UTF8.GetBytes("[]")),
            ("an array of the valid body", (w, e) => Encoding.UTF8.GetBytes("[" + e.Body!(w).ToJsonString() + "]")),
            ("a string", (_, _) => Encoding.UTF8.GetBytes("\"text\"")),
            ("a number", (_, _) => Encoding.UTF8.GetBytes("42")),
            ("a huge number", (_, _) => Encoding.UTF8.GetBytes("1e309")),
            ("true", (_, _) => Encoding.UTF8.GetBytes("true")),
        ];
        foreach (var endpoint in BodyEndpoints)
        {
            foreach (var (label, bytes) in notObjects)
            {
                Add("body", new BadCase($"{endpoint.Name} · {label}", endpoint, w => Done(w.RawRequest(endpoint.Method, endpoint.Path(w), endpoint.Caller, bytes(w, endpoint))), HttpStatusCode.BadRequest, Validation, "body"));
            }
        }

        // Bodies of other media types, over the limit (with a length, and chunked): 415 and 413.
        (string Label, string? ContentType)[] mediaTypes =
        [
            ("JSON without a Content-Type", null),
            ("JSON sent as text/plain", "text/plain"),
            ("JSON sent as application/xml", "application/xml"),
            ("JSON sent as a form", "application/x-www-form-urlencoded"),
            ("JSON sent as multipart", "multipart/form-data; boundary=x"),
            ("JSON with a malformed media type", "json"),
            ("JSON with two media types", "application/json, text/plain"),
            ("JSON with an unknown charset", "application/json; charset=no-such-charset"),
            ("JSON with charset utf-7", "application/json; charset=utf-7"),
        ];
        foreach (var endpoint in BodyEndpoints)
        {
            foreach (var (label, contentType) in mediaTypes)
            {
                Add("content", new BadCase($"{endpoint.Name} · {label}", endpoint,
                    w => Done(w.RawRequest(endpoint.Method, endpoint.Path(w), endpoint.Caller, Encoding.UTF8.GetBytes(endpoint.Body!(w).ToJsonString()), contentType)),
                    HttpStatusCode.UnsupportedMediaType, "unsupported-media-type"));
            }

            // Both ask to continue, as a client sending a large body should: refused before the body is sent, the client
            // is not left writing into a connection the server is closing.
            Add("content", new BadCase($"{endpoint.Name} · 300 KiB body", endpoint,
                w =>
                {
                    var request = w.RawRequest(endpoint.Method, endpoint.Path(w), endpoint.Caller, Encoding.UTF8.GetBytes(JsonEdit.With(endpoint.Body!(w), "padding", S(Chars(300 * 1024)))));
                    request.Headers.ExpectContinue = true;
                    return Done(request);
                },
                HttpStatusCode.RequestEntityTooLarge, "payload-too-large"));
            Add("content", new BadCase($"{endpoint.Name} · 300 KiB chunked body", endpoint,
                w =>
                {
                    var request = w.Request(endpoint.Method, endpoint.Path(w), endpoint.Caller);
                    request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(JsonEdit.With(endpoint.Body!(w), "padding", S(Chars(300 * 1024))))));
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    request.Headers.TransferEncodingChunked = true;
                    request.Headers.ExpectContinue = true;
                    return Done(request);
                },
                HttpStatusCode.RequestEntityTooLarge, "payload-too-large"));
        }

        // One member changed at a time: wrong types, missing, negative, zero, huge, too long.
        void Field(Endpoint endpoint, string label, string path, Func<BadInputWorld, string?> raw, string? field, HttpStatusCode status = HttpStatusCode.BadRequest, string code = Validation) =>
            Add("field", new BadCase($"{endpoint.Name} · {label}", endpoint,
                w => Done(w.RawRequest(endpoint.Method, endpoint.Path(w), endpoint.Caller, Encoding.UTF8.GetBytes(JsonEdit.With(endpoint.Body!(w), path, raw(w))))),
                status, code, field));
        void Fields(Endpoint endpoint, string path, string field, params (string Label, string? Raw)[] values)
        {
            foreach (var (label, raw) in values)
            {
                Field(endpoint, $"{path} {label}", path, _ => raw, field);
            }
        }

        (string, string?)[] notAString = [("missing", null), ("null", "null"), ("a number", "42"), ("an array", "[\"a\"]"), ("an object", "{}"), ("true", "true")];
        (string, string?)[] notAnInt = [("a string", "\"1\""), ("a fraction", "1.5"), ("an exponent", "1e2"), ("over int", "2147483648"), ("long.MaxValue", "9223372036854775807"), ("1e309", "1e309"), ("an array", "[1]"), ("true", "true")];

        Fields(Register, "email", "email", [.. notAString, ("empty", S("")), ("not an email", S("not-an-email")), ("without a domain dot", S("a@b")), ("with a space", S("a b@example.com")), ("300 characters", S(Chars(288) + "@example.com")), ("two @", S("a@b@example.com"))]);
        Fields(Register, "password", "password", [.. notAString, ("empty", S("")), ("7 characters", S("1234567")), ("257 characters", S(Chars(257)))]);
        Fields(Register, "name", "name", [.. notAString, ("empty", S("")), ("blank", S("   ")), ("101 characters", S(Chars(101))), ("200,000 characters", S(Chars(200_000)))]);
        Fields(Register, "name", "name", ("a lone surrogate", "\"a\\ud800b\""), ("a lone low surrogate", "\"\\udc00\""));

        Fields(Token, "email", "email", [.. notAString, ("empty", S(""))]);
        Fields(Token, "password", "password", [.. notAString, ("empty", S(""))]);
        Field(Token, "a wrong password", "password", _ => S("wrong-password-1"), field: null, HttpStatusCode.Unauthorized, "unauthorized");
        Field(Token, "an unknown email", "email", _ => S(ShopApiFactory.NewEmail("nobody")), field: null, HttpStatusCode.Unauthorized, "unauthorized");
        Field(Token, "a malformed email", "email", _ => S("' OR 1=1 --"), field: null, HttpStatusCode.Unauthorized, "unauthorized");
        Field(Token, "a 100,000-character password", "password", _ => S(Chars(100_000)), field: null, HttpStatusCode.Unauthorized, "unauthorized");

        Fields(CreateCategory, "name", "name", [.. notAString, ("empty", S("")), ("blank", S(" \t ")), ("101 characters", S(Chars(101))), ("a lone surrogate", "\"\\ud83d\"")]);
        Fields(CreateCategory, "parentId", "parentId", [.. notAnInt, ("negative", "-1"), ("zero", "0"), ("unknown", "987654321")]);

        foreach (var endpoint in new[] { CreateProduct, ReplaceProduct })
        {
            Fields(endpoint, "title", "title", [.. notAString, ("empty", S("")), ("201 characters", S(Chars(201)))]);
            Fields(endpoint, "description", "description", ("a number", "42"), ("10,001 characters", S(Chars(10_001))));
            Fields(endpoint, "brand", "brand", ("an object", "{}"), ("101 characters", S(Chars(101))));
            Fields(endpoint, "model", "model", ("an array", "[]"), ("101 characters", S(Chars(101))));
            Fields(endpoint, "categoryIds", "categoryIds", ("missing", null), ("empty", "[]"), ("a number", "1"), ("a string", "\"1\""), ("an object", "{}"));
            Fields(endpoint, "categoryIds", "categoryIds[0]", ("of strings", "[\"a\"]"), ("of 1e309", "[1e309]"), ("over int", "[2147483648]"), ("of fractions", "[1.5]"));
            Field(endpoint, "categoryIds with an unknown category", "categoryIds", w => $"[{w.CategoryId}, 987654321]", "categoryIds");
            Field(endpoint, "categoryIds with a negative category", "categoryIds", w => $"[{w.CategoryId}, -1]", "categoryIds");
            Fields(endpoint, "primaryCategoryId", "primaryCategoryId", [.. notAnInt, ("missing", null), ("null", "null"), ("negative", "-1"), ("not among categoryIds", "987654321")]);
            Fields(endpoint, "attributes", "attributes", ("an array", "[]"), ("a string", "\"x\""), ("101 attributes", "{" + string.Join(',', Enumerable.Range(0, 101).Select(i => $"\"a{i}\":\"v\"")) + "}"));
            Fields(endpoint, "attributes", "attributes.k", ("with a number value", "{\"k\":5}"), ("with an object value", "{\"k\":{}}"));
            Fields(endpoint, "images", "images", ("a string", "\"x\""), ("21 images", JsonArrayOf(21, i => $"{{\"url\":\"https://img.example.com/{i}.jpg\",\"main\":false}}")));
            Fields(endpoint, "images", "images[0].url", ("with a number url", "[{\"url\":5}]"), ("with a javascript url", "[{\"url\":\"javascript:alert(1)\",\"main\":true}]"), ("with a relative url", "[{\"url\":\"/a.jpg\"}]"), ("with a null image", "[null]"), ("with a 100,000-character url", "[{\"url\":\"https://img.example.com/" + Chars(100_000) + "\",\"main\":true}]"));
            Fields(endpoint, "images", "images[0].main", ("with a string main", "[{\"url\":\"https://img.example.com/a.jpg\",\"main\":\"yes\"}]"));
            Fields(endpoint, "variants", "variants", ("missing", null), ("empty", "[]"), ("a string", "\"x\""), ("101 variants", JsonArrayOf(101, i => $"{{\"sku\":\"{$"V{i}-{Guid.NewGuid():N}"[..20]}\",\"price\":{{\"amount\":1,\"currency\":\"KRW\"}}}}")));
            Fields(endpoint, "variants", "variants[0]", ("with a null variant", "[null]"));
            Fields(endpoint, "variants[0].sku", "variants[0].sku", ("missing", null), ("a number", "5"), ("empty", S("")), ("with a space and !", S("bad sku!")), ("65 characters", S(Chars(65, 'A'))), ("SQL", S("' OR 1=1 --")), ("Korean", S("운동화")), ("with a NUL", "\"A\\u0000B\""), ("path traversal", S("../../x")));
            Fields(endpoint, "variants[0].price", "variants[0].price", ("missing", null), ("null", "null"), ("a string", "\"10\""), ("a number", "10"), ("without an amount", "{\"currency\":\"KRW\"}"), ("without a currency", "{\"amount\":10}"));
            Fields(endpoint, "variants[0].price.amount", "variants[0].price.amount", ("a string", "\"10\""), ("negative", "-1"), ("a negative cent", "-0.01"), ("1e309", "1e309"), ("over decimal", "79228162514264337593543950336"), ("decimal.MaxValue", "79228162514264337593543950335"), ("over the max price", "1e13"), ("an array", "[1]"), ("true", "true"));
            Fields(endpoint, "variants[0].price.currency", "variants[0].price.currency", ("a number", "5"), ("empty", S("")), ("two letters", S("KR")), ("lower case", S("krw")), ("full-width", S("ＫＲＷ")), ("long", S(Chars(300, 'K'))));
            Fields(endpoint, "variants[0].initialStock", "variants[0].initialStock", [.. notAnInt, ("negative", "-1"), ("below int", "-2147483649"), ("over the max stock", "100000001")]);
            Fields(endpoint, "variants[0].perUserLimit", "variants[0].perUserLimit", [.. notAnInt, ("zero", "0"), ("negative", "-1")]);
            Fields(endpoint, "variants[0].attributes", "variants[0].attributes", ("an array", "[]"));
            Fields(endpoint, "variants[0].attributes", "variants[0].attributes.size", ("with a number value", "{\"size\":270}"));
            Field(endpoint, "two variants of one SKU", "variants", w => "[" + string.Join(',', Enumerable.Repeat(JsonSerializer.Serialize(endpoint.Body!(w)["variants"]![0]), 2)) + "]", "variants[1].sku");
        }

        Fields(Warmup, "productIds", "productIds", ("a string", "\"1\""), ("a number", "1"), ("an object", "{}"), ("negative", "[-1]"), ("zero", "[0]"), ("10,001 ids", JsonArrayOf(10_001, i => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Fields(Warmup, "productIds", "productIds[0]", ("of strings", "[\"a\"]"), ("of 1e309", "[1e309]"), ("over long", "[9223372036854775808]"), ("of fractions", "[1.5]"));
        Fields(Warmup, "skus", "skus", ("a string", "\"x\""), ("of bad SKUs", "[\"bad sku!\"]"), ("of nulls", "[null]"), ("of 65 characters", $"[\"{Chars(65, 'A')}\"]"), ("of injection strings", "[\"' OR 1=1 --\"]"));
        Fields(Warmup, "skus", "skus[0]", ("of numbers", "[5]"), ("of objects", "[{}]"));

        Fields(AdjustInventory, "stock", "stock", [.. notAnInt, ("null", "null"), ("negative", "-1"), ("over the max stock", "100000001"), ("a fraction written 1.0", "1.0")]);
        Fields(AdjustInventory, "perUserLimit", "perUserLimit", [.. notAnInt, ("zero", "0"), ("negative", "-1")]);
        Field(AdjustInventory, "neither stock nor perUserLimit", "stock", _ => null, "body");

        Fields(SetCartItem, "quantity", "quantity", [.. notAnInt, ("missing", null), ("null", "null"), ("negative", "-1"), ("over 1000", "1001"), ("below int", "-2147483649")]);

        Fields(Checkout, "paymentToken", "paymentToken", [.. notAString, ("empty", S("")), ("201 characters", S(Chars(201)))]);

        Fields(PlaceOrder, "items", "items", ("missing", null), ("null", "null"), ("empty", "[]"), ("a string", "\"x\""), ("an object", "{}"), ("51 lines", JsonArrayOf(51, i => $"{{\"sku\":\"S-{i}\",\"quantity\":1}}")));
        Fields(PlaceOrder, "items", "items[0].sku", ("with a null line", "[null]"), ("with a number sku", "[{\"sku\":5,\"quantity\":1}]"), ("without a sku", "[{\"quantity\":1}]"), ("with an empty sku", "[{\"sku\":\"\",\"quantity\":1}]"));
        Fields(PlaceOrder, "items[0].quantity", "items[0].quantity", [.. notAnInt, ("missing", null), ("null", "null"), ("zero", "0"), ("negative", "-1"), ("over 1000", "1001")]);
        Fields(PlaceOrder, "paymentToken", "paymentToken", [.. notAString, ("empty", S("")), ("201 characters", S(Chars(201)))]);
        foreach (var (label, sku) in new[] { ("unknown", "NO-SUCH-SKU-1"), ("with a space and !", "bad sku!"), ("SQL", "' OR 1=1 --"), ("Korean", "운동화"), ("10,000 characters", Chars(10_000, 'A')), ("with a NUL", "A\0B"), ("path traversal", "../../x") })
        {
            Field(PlaceOrder, $"items[0].sku {label}", "items[0].sku", _ => S(sku), field: null, HttpStatusCode.UnprocessableEntity, "unknown-sku");
        }

        // Route values that are not numbers, overflow, or name nothing.
        void Route(Endpoint endpoint, string label, Func<BadInputWorld, string> path, HttpStatusCode status = HttpStatusCode.NotFound, string code = NotFound)
        {
            var byServer = label switch
            {
                "a NUL" => HttpStatusCode.BadRequest,
                "10,000 characters" => HttpStatusCode.RequestUriTooLong,
                _ => (HttpStatusCode?)null,
            };
            Add("route", new BadCase($"{endpoint.Name} · route value {label}", endpoint, w => Done(w.Request(endpoint.Method, path(w), endpoint.Caller, endpoint.Body?.Invoke(w))), byServer ?? status, code, ByServer: byServer is not null));
        }
        (string Label, string Value)[] badNumbers = [("not a number", "abc"), ("over long", "9223372036854775808"), ("negative", "-1"), ("zero", "0"), ("a fraction", "1.5"), ("an exponent", "1e3"), ("SQL", Uri.EscapeDataString("1 OR 1=1")), ("unknown", "987654321")];
        foreach (var (label, value) in badNumbers)
        {
            Route(GetProduct, label, _ => $"/api/products/{value}");
            Route(ReplaceProduct, label, _ => $"/api/admin/products/{value}");
            Route(DeleteProduct, label, _ => $"/api/admin/products/{value}");
            Route(ListCategoryProducts, label, _ => $"/api/categories/{value}/products");
            Route(ReplayDeadLetter, label, _ => $"/api/admin/dead-letters/{value}/replay");
            Route(DiscardDeadLetter, label, _ => $"/api/admin/dead-letters/{value}");
        }

        Route(ListCategoryProducts, "over int", _ => "/api/categories/2147483648/products");
        (string Label, string Value)[] badSkus =
        [
            ("SQL", Uri.EscapeDataString("' OR '1'='1")), ("65 characters", Chars(65, 'A')), ("10,000 characters", Chars(10_000, 'A')), ("Korean", Uri.EscapeDataString("운동화")),
            ("emoji", Uri.EscapeDataString("🛒")), ("a NUL", "A%00B"), ("an escaped slash", "..%2F..%2Fetc%2Fpasswd"), ("invalid UTF-8", "%FF%FE"), ("a lone surrogate in CESU-8", "%ED%A0%80"),
            ("unknown", "NO-SUCH-SKU-1"),
        ];
        foreach (var (label, value) in badSkus)
        {
            Route(GetAvailability, label, _ => $"/api/inventory/{value}");
            Route(GetInventory, label, _ => $"/api/admin/inventory/{value}");
            Route(AdjustInventory, label, _ => $"/api/admin/inventory/{value}");
            Route(SetCartItem, label, _ => $"/api/cart/items/{value}", HttpStatusCode.UnprocessableEntity, "unknown-sku");
            if (label != "unknown")
            {
                // Removing a well-formed SKU that is not in the cart is a removal already done (200); one that cannot be a SKU is refused.
                Route(RemoveCartItem, label, _ => $"/api/cart/items/{value}", HttpStatusCode.UnprocessableEntity, "unknown-sku");
            }
        }

        (string Label, Func<BadInputWorld, string> Value)[] badOrderIds =
        [
            ("not an id", _ => "abc"), ("upper-case hex", _ => Guid.NewGuid().ToString("N").ToUpperInvariant()), ("33 characters", _ => Guid.NewGuid().ToString("N") + "a"),
            ("a Guid with dashes", _ => Guid.NewGuid().ToString()), ("unknown", _ => Guid.NewGuid().ToString("N")), ("another user's", w => w.OtherUsersOrderId),
            ("SQL", _ => Uri.EscapeDataString("' OR 1=1 --")), ("10,000 characters", _ => Chars(10_000, 'a')), ("a NUL", _ => "a%00b"),
        ];
        foreach (var (label, value) in badOrderIds)
        {
            Route(GetOrder, label, w => $"/api/orders/{value(w)}");
            Route(CancelOrder, label, w => $"/api/orders/{value(w)}/cancel");
        }

        foreach (var (label, value) in new[] { ("not a Guid", "abc"), ("unknown", Guid.NewGuid().ToString()), ("the empty Guid", Guid.Empty.ToString()), ("SQL", Uri.EscapeDataString("' OR 1=1 --")) })
        {
            Route(GetUser, label, _ => $"/api/admin/users/{value}");
        }

        // Query values.
        void Query(Endpoint endpoint, string label, Func<BadInputWorld, string> path, string field) =>
            Add("query", new BadCase($"{endpoint.Name} · {label}", endpoint, w => Done(w.Request(endpoint.Method, path(w), endpoint.Caller)), HttpStatusCode.BadRequest, Validation, field));
        (string Label, string Value)[] badPages = [("not a number", "abc"), ("zero", "0"), ("negative", "-1"), ("over int", "2147483648"), ("a fraction", "1.5"), ("1e309", "1e309"), ("given twice", "1&page=2")];
        (string Label, string Value)[] badPageSizes = [("not a number", "abc"), ("zero", "0"), ("over 100", "101"), ("negative", "-5"), ("over int", "99999999999")];
        foreach (var (endpoint, path) in new[] { (Search, (Func<BadInputWorld, string>)(_ => "/api/search?q=battery&")), (ListCategoryProducts, w => $"/api/categories/{w.CategoryId}/products?"), (ListOrders, _ => "/api/orders?") })
        {
            foreach (var (label, value) in badPages)
            {
                Query(endpoint, $"page {label}", w => path(w) + "page=" + value, "page");
            }

            Query(endpoint, "page over 10,000", w => path(w) + "page=10001", "page");
            foreach (var (label, value) in badPageSizes)
            {
                Query(endpoint, $"pageSize {label}", w => path(w) + "pageSize=" + value, "pageSize");
            }
        }

        foreach (var (label, value) in new[] { ("not a number", "abc"), ("over int", "2147483648"), ("negative", "-1"), ("unknown", "987654321"), ("a fraction", "1.5"), ("SQL", Uri.EscapeDataString("1 OR 1=1")) })
        {
            Query(Search, $"categoryId {label}", _ => "/api/search?q=a&categoryId=" + value, "categoryId");
        }

        foreach (var (label, value) in new[] { ("not a number", "abc"), ("negative", "-1"), ("a negative cent", "-0.01"), ("1e309", "1e309"), ("over decimal", "79228162514264337593543950336"), ("NaN", "NaN"), ("Infinity", "Infinity"), ("SQL", Uri.EscapeDataString("0 OR 1=1")) })
        {
            Query(Search, $"minPrice {label}", _ => "/api/search?q=a&minPrice=" + value, "minPrice");
            Query(Search, $"maxPrice {label}", _ => "/api/search?q=a&maxPrice=" + value, "maxPrice");
        }

        Query(Search, "maxPrice below minPrice", _ => "/api/search?q=a&minPrice=10&maxPrice=5", "maxPrice");
        Query(Search, "q of 201 characters", _ => "/api/search?q=" + Chars(201), "q");
        Query(Search, "q of 201 emoji halves", _ => "/api/search?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("🛒", 101))), "q");
        Query(Search, "brand of 101 characters", _ => "/api/search?q=a&brand=" + Chars(101), "brand");
        foreach (var (label, value) in new[] { ("not a boolean", "maybe"), ("a number", "2"), ("yes", "yes") })
        {
            Query(ListCategoryProducts, $"includeDescendants {label}", w => $"/api/categories/{w.CategoryId}/products?includeDescendants={value}", "includeDescendants");
        }

        foreach (var (label, value) in new[] { ("missing", ""), ("upper case", "state=STUCK"), ("unknown", "state=lost"), ("SQL", "state=" + Uri.EscapeDataString("stuck' OR 1=1 --")), ("given twice", "state=stuck&state=stuck") })
        {
            Query(Sagas, $"state {label}", _ => "/api/admin/sagas?" + value, "state");
        }

        // Authorization headers that do not prove anyone: 401 everywhere signing in is needed.
        (string Label, Func<BadInputWorld, Task<string[]>> Values)[] badAuthorizations =
        [
            ("garbage", _ => Task.FromResult(new[] { "garbage" })),
            ("Bearer and nothing", _ => Task.FromResult(new[] { "Bearer" })),
            ("Bearer and a space", _ => Task.FromResult(new[] { "Bearer " })),
            ("Bearer and three dots", _ => Task.FromResult(new[] { "Bearer ..." })),
            ("not a JWT", _ => Task.FromResult(new[] { "Bearer not-a-jwt" })),
            ("three random segments", _ => Task.FromResult(new[] { $"Bearer {Base64UrlEncoder.Encode("{\"alg\":\"HS256\"}")}.{Base64UrlEncoder.Encode("{}")}.{Base64UrlEncoder.Encode(Guid.NewGuid().ToByteArray())}" })),
            ("Basic credentials", _ => Task.FromResult(new[] { "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ShopApiFactory.AdminEmail + ":" + ShopApiFactory.AdminPassword)) })),
            ("a wrong signature", w => Task.FromResult(new[] { "Bearer " + Jwt.SignedWith(new byte[32], w.User.UserId, w.User.Email, "admin", DateTimeOffset.UtcNow.AddHours(1)) })),
            ("a tampered role", w => Task.FromResult(new[] { "Bearer " + Jwt.WithClaim(w.UserToken, "role", "admin") })),
            ("a tampered subject", w => Task.FromResult(new[] { "Bearer " + Jwt.WithClaim(w.UserToken, "sub", Guid.NewGuid().ToString()) })),
            ("alg none", w => Task.FromResult(new[] { "Bearer " + AlgNone(w) })),
            ("an expired token", async w => new[] { "Bearer " + SignedWithClusterKey(await w.SigningKeyAsync(), w, "shop-api", w.Shop.Clock.GetUtcNow().AddHours(-3)) }),
            ("a token from the future", async w => new[] { "Bearer " + SignedWithClusterKey(await w.SigningKeyAsync(), w, "shop-api", w.Shop.Clock.GetUtcNow().AddHours(2)) }),
            ("another audience", async w => new[] { "Bearer " + SignedWithClusterKey(await w.SigningKeyAsync(), w, "someone-else", w.Shop.Clock.GetUtcNow()) }),
            ("a 16 KiB token", _ => Task.FromResult(new[] { "Bearer " + Chars(16 * 1024, 'a') + "." + Chars(10, 'b') + "." + Chars(10, 'c') })),
            ("two Authorization headers", w => Task.FromResult(new[] { "Bearer " + w.AdminToken, "Bearer garbage" })),
            ("the token twice in one header", w => Task.FromResult(new[] { $"Bearer {w.AdminToken}, Bearer {w.AdminToken}" })),
        ];
        foreach (var endpoint in new[] { Me, GetCart, PlaceOrder, DeadLetters, AdjustInventory, CreateProduct })
        {
            foreach (var (label, values) in badAuthorizations)
            {
                Add("authorization", new BadCase($"{endpoint.Name} · Authorization {label}", endpoint, async w =>
                {
                    var request = w.Request(endpoint.Method, endpoint.Path(w), Caller.Anonymous, endpoint.Body?.Invoke(w));
                    request.Headers.TryAddWithoutValidation("Authorization", await values(w));
                    return request;
                }, HttpStatusCode.Unauthorized, "unauthorized"));
            }

            Add("authorization", new BadCase($"{endpoint.Name} · no Authorization header", endpoint, w => Done(w.Request(endpoint.Method, endpoint.Path(w), Caller.Anonymous, endpoint.Body?.Invoke(w))), HttpStatusCode.Unauthorized, "unauthorized"));
            Add("authorization", new BadCase($"{endpoint.Name} · a session cookie instead of a token", endpoint, w =>
            {
                var request = w.Request(endpoint.Method, endpoint.Path(w), Caller.Anonymous, endpoint.Body?.Invoke(w));
                request.Headers.TryAddWithoutValidation("Cookie", "shop_session=" + w.AdminToken);
                return Done(request);
            }, HttpStatusCode.Unauthorized, "unauthorized"));
        }

        foreach (var endpoint in new[] { DeadLetters, AdjustInventory, CreateProduct, GetUser, Sagas })
        {
            Add("authorization", new BadCase($"{endpoint.Name} · a user's token", endpoint, w => Done(w.Request(endpoint.Method, endpoint.Path(w), Caller.User, endpoint.Body?.Invoke(w))), HttpStatusCode.Forbidden, "forbidden"));
        }

        // Idempotency-Key values, and other abused headers.
        void Header(Endpoint endpoint, string label, Func<BadInputWorld, HttpRequestMessage, Task> abuse, HttpStatusCode status, string code, string? field = null, bool byServer = false) =>
            Add("header", new BadCase($"{endpoint.Name} · {label}", endpoint, async w =>
            {
                var request = w.Request(endpoint.Method, endpoint.Path(w), endpoint.Caller, endpoint.Body?.Invoke(w));
                await abuse(w, request);
                return request;
            }, status, code, field, byServer));
        Task Headers(HttpRequestMessage request, string name, params string[] values)
        {
            request.Headers.TryAddWithoutValidation(name, values);
            return Task.CompletedTask;
        }

        foreach (var endpoint in new[] { PlaceOrder, Checkout })
        {
            foreach (var (label, values) in new[]
            {
                ("an empty Idempotency-Key", new[] { "" }), ("a blank Idempotency-Key", new[] { "   " }), ("an Idempotency-Key of 101 characters", new[] { Chars(101, 'k') }),
                ("an Idempotency-Key of 16 KiB", new[] { Chars(16 * 1024, 'k') }), ("an Idempotency-Key with a tab", new[] { "key\twith-tab" }), ("an Idempotency-Key with a control character", new[] { "key\u0001x" }),
                ("two Idempotency-Keys", new[] { "key-one", "key-two" }), ("an Idempotency-Key with a DEL", new[] { "key\u007fx" }),
            })
            {
                Header(endpoint, label, (_, r) => Headers(r, "Idempotency-Key", values), HttpStatusCode.BadRequest, Validation, "Idempotency-Key");
            }
        }

        Header(PlaceOrder, "an Idempotency-Key reused with another body", async (w, r) =>
        {
            var key = "reuse-" + Guid.NewGuid().ToString("N");
            var first = w.Request(Post, "/api/orders", Caller.User, w.OrderBody(quantity: 1));
            first.Headers.Add("Idempotency-Key", key);
            await Orders.OrderApi.AcceptedAsync(await w.SendAsync(first));
            r.Content = new StringContent(w.OrderBody(quantity: 2).ToJsonString(), Encoding.UTF8, "application/json");
            r.Headers.Add("Idempotency-Key", key);
        }, HttpStatusCode.UnprocessableEntity, "idempotency-key-reuse");

        Header(Register, "Accept: application/xml on a bad body", (_, r) =>
        {
            r.Headers.Accept.ParseAdd("application/xml");
            r.Content = new StringContent("{", Encoding.UTF8, "application/json");
            return Task.CompletedTask;
        }, HttpStatusCode.BadRequest, Validation, "body");
        Header(Register, "Accept: application/xml on a validation failure", (_, r) =>
        {
            r.Headers.Accept.ParseAdd("application/xml");
            r.Content = new StringContent("{\"email\":\"x\"}", Encoding.UTF8, "application/json");
            return Task.CompletedTask;
        }, HttpStatusCode.BadRequest, Validation, "email");
        Header(GetCart, "Accept: application/xml without a token", (_, r) =>
        {
            r.Headers.Authorization = null;
            r.Headers.Accept.ParseAdd("application/xml");
            return Task.CompletedTask;
        }, HttpStatusCode.Unauthorized, "unauthorized");
        Header(GetProduct, "Accept: application/xml on an unknown product", (_, r) =>
        {
            r.RequestUri = new Uri("/api/products/987654321", UriKind.Relative);
            r.Headers.Accept.ParseAdd("application/xml");
            return Task.CompletedTask;
        }, HttpStatusCode.NotFound, NotFound);
        Header(GetProduct, "Accept: nonsense on a route that does not match", (_, r) =>
        {
            r.RequestUri = new Uri("/api/products/abc", UriKind.Relative);
            r.Headers.TryAddWithoutValidation("Accept", ";;;q=abc, */*;q=x, ===");
            return Task.CompletedTask;
        }, HttpStatusCode.NotFound, NotFound);
        Header(Register, "50 padding headers of 200 characters and a bad body", (_, r) =>
        {
            for (var i = 0; i < 50; i++)
            {
                r.Headers.TryAddWithoutValidation($"X-Pad-{i}", Chars(200));
            }

            r.Content = new StringContent("[]", Encoding.UTF8, "application/json");
            return Task.CompletedTask;
        }, HttpStatusCode.BadRequest, Validation, "body");
        Header(Register, "a 64 KiB header and a bad body", (_, r) =>
        {
            r.Headers.TryAddWithoutValidation("X-Huge", Chars(64 * 1024));
            r.Content = new StringContent("[]", Encoding.UTF8, "application/json");
            return Task.CompletedTask;
        }, HttpStatusCode.RequestHeaderFieldsTooLarge, "", byServer: true);
        Header(Register, "two Content-Type headers", (_, r) =>
        {
            r.Content!.Headers.TryAddWithoutValidation("Content-Type", "text/plain");
            return Task.CompletedTask;
        }, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Header(Register, "a Content-Type with an empty charset", (_, r) =>
        {
            r.Content!.Headers.Remove("Content-Type");
            r.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=");
            return Task.CompletedTask;
        }, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Header(PlaceOrder, "a garbage X-Forwarded-For and a bad body", (_, r) =>
        {
            r.Headers.TryAddWithoutValidation("X-Forwarded-For", "not-an-ip, ' OR 1=1, " + Chars(4096));
            r.Content = new StringContent("{\"items\":[]}", Encoding.UTF8, "application/json");
            return Task.CompletedTask;
        }, HttpStatusCode.BadRequest, Validation, "items");
        return cases;
    }

    /// <summary>The user's token with <c>alg: none</c> and no signature.</summary>
    private static string AlgNone(BadInputWorld world)
    {
        var parts = world.UserToken.Split('.');
        return Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    }

    /// <summary>An admin token of the user, signed with the cluster's own key, for <paramref name="audience"/>, valid for one hour from <paramref name="from"/>.</summary>
    private static string SignedWithClusterKey(byte[] key, BadInputWorld world, string audience, DateTimeOffset from) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "shop",
            Audience = audience,
            IssuedAt = from.UtcDateTime,
            NotBefore = from.UtcDateTime,
            Expires = from.AddHours(1).UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = world.User.UserId.ToString(), ["email"] = world.User.Email, ["role"] = "admin" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
}
