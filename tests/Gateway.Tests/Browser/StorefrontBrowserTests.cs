using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shop.Gateway.Tests.Catalog;

namespace Shop.Gateway.Tests.Browser;

/// <summary>
/// A person shops on the storefront page in a real browser (Debian's chromium): registers, signs out and in again,
/// searches in Korean, opens the product, adds it to the cart, checks out with <c>tok_ok</c> and watches the order
/// until it is Completed — on a desktop and on a phone-sized screen, with a screenshot of every page.
/// </summary>
public sealed class StorefrontBrowserTests(BrowserShop shop, Chromium chromium) : IClassFixture<BrowserShop>, IClassFixture<Chromium>
{
    private static readonly TimeSpan SagaDeadline = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(Screen.Names), MemberType = typeof(Screen))]
    public async Task A_shopper_registers_searches_in_Korean_checks_out_and_sees_the_order_completed(string screenName)
    {
        var screen = Screen.Named(screenName);
        var shots = new Screenshots("storefront", screen);
        using var admin = await shop.AdminClientAsync();
        var marker = Guid.NewGuid().ToString("N")[..6];
        var shoes = await CatalogApi.CreateCategoryAsync(admin, $"신발 {marker}");
        var running = await CatalogApi.CreateCategoryAsync(admin, $"운동화 {marker}", shoes);
        var sku = CatalogApi.NewSku("RUN");
        var title = $"에어 러너 운동화 {marker}";
        var productId = await CatalogApi.CreateProductAsync(admin, new
        {
            title,
            description = "가볍고 통기성 좋은 러닝화. Light mesh running shoe.",
            brand = "Swift",
            model = "AR-1",
            categoryIds = new[] { running },
            primaryCategoryId = running,
            attributes = new Dictionary<string, string> { ["소재"] = "메쉬" },
            images = Array.Empty<object>(),
            variants = new[] { new { sku, price = new { amount = 89000m, currency = "KRW" }, attributes = new Dictionary<string, string> { ["size"] = "270" }, initialStock = 20, perUserLimit = (int?)null } },
        });
        // The search index follows the catalog through the streams; the page searches once it has.
        await CatalogApi.EventuallyAsync(admin, $"/api/search?q={Uri.EscapeDataString("운동 " + marker)}", (ids, _) => ids.Contains(productId));

        await using var context = await chromium.Browser.NewContextAsync(screen.ContextOptions(shop.ServerAddress));
        var page = await context.NewPageAsync();
        var failures = WatchForFailures(page);
        var email = $"shopper-{marker}-{screen.Name}@example.com";
        const string password = "a-good-password-1";

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("category-tree")).ToContainTextAsync($"신발 {marker}");
        await shots.TakeAsync(page, "home");

        await page.GetByRole(AriaRole.Link, new() { Name = "Register" }).ClickAsync();
        var register = page.GetByTestId("register-form");
        await register.GetByLabel("Name").FillAsync("김철수");
        await register.GetByLabel("Email").FillAsync(email);
        await register.GetByLabel("Password").FillAsync(password);
        await shots.TakeAsync(page, "register");
        await register.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account")).ToHaveTextAsync(email);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByTestId("signin-link").ClickAsync();
        var signIn = page.GetByTestId("signin-form");
        await signIn.GetByLabel("Email").FillAsync(email);
        await signIn.GetByLabel("Password").FillAsync(password);
        await shots.TakeAsync(page, "sign-in");
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account")).ToHaveTextAsync(email);

        await page.GetByTestId("search-input").FillAsync($"운동 {marker}");
        await page.GetByTestId("search-button").ClickAsync();
        var card = page.GetByTestId("product-card").Filter(new() { HasText = title });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await shots.TakeAsync(page, "search");

        await card.ClickAsync();
        await Assertions.Expect(page.GetByTestId("product-title")).ToHaveTextAsync(title);
        await Assertions.Expect(page.GetByTestId("availability")).ToHaveTextAsync("20 available");
        await shots.TakeAsync(page, "product");

        await page.GetByTestId("add-to-cart").ClickAsync();
        await page.GetByTestId("go-to-cart").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cart-line")).ToContainTextAsync(sku);
        await Assertions.Expect(page.GetByTestId("cart-total")).ToContainTextAsync("89,000");
        await page.GetByTestId("payment-token").SelectOptionAsync("tok_ok");
        await shots.TakeAsync(page, "cart");

        await page.GetByTestId("checkout").ClickAsync();
        try
        {
            await page.WaitForURLAsync(new Regex("#/order/"));
        }
        catch (TimeoutException timeout)
        {
            // The wait alone cannot tell why the page stayed: say what it showed and which requests failed.
            throw new TimeoutException(
                $"The checkout did not reach its order page. The page showed: {await page.Locator("#view").InnerTextAsync()} Failures: {string.Join("; ", failures)}",
                timeout);
        }

        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Completed", new() { Timeout = (float)SagaDeadline.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("order-history")).ToContainTextAsync("PaymentSucceeded");
        Assert.DoesNotContain("null", await page.Locator("#view").InnerTextAsync(), StringComparison.Ordinal);
        await shots.TakeAsync(page, "order-completed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Orders" }).ClickAsync();
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Completed");
        await shots.TakeAsync(page, "orders");

        // What the page showed is what the system holds: the unit is sold, the cart is empty.
        var inventory = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/inventory/{sku}");
        Assert.Equal(1, inventory.GetProperty("sold").GetInt32());
        Assert.Equal(19, inventory.GetProperty("stock").GetInt32());
        using var shopper = await shop.SignInAsync(email, password);
        Assert.Empty((await shopper.GetFromJsonAsync<JsonElement>("/api/cart")).GetProperty("items").EnumerateArray());
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_storefront_page_is_served_with_its_security_headers()
    {
        using var client = shop.CreateApiClient();
        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/assets/no-such-file.js")).StatusCode);
    }

    [Fact]
    public async Task The_API_reference_page_lists_every_operation_of_the_OpenAPI_document()
    {
        using var client = shop.CreateApiClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToList();
        Assert.Contains("POST /api/orders", operations);
        Assert.DoesNotContain(operations, o => o.Contains("/dashboard", StringComparison.Ordinal));

        await using var context = await chromium.Browser.NewContextAsync(Screen.Desktop.ContextOptions(shop.ServerAddress));
        var page = await context.NewPageAsync();
        var failures = WatchForFailures(page);
        await page.GotoAsync("/api-docs");
        await Assertions.Expect(page.GetByTestId("operation")).ToHaveCountAsync(operations.Count);
        var shown = await page.GetByTestId("operation").Locator("summary").AllInnerTextsAsync();
        Assert.Equal(operations.Order(), shown.Select(s => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2))).Order());
        await new Screenshots("api-reference", Screen.Desktop).TakeAsync(page, "api-docs");
        Assert.Empty(failures);
    }

    /// <summary>Script errors, failed requests and 5xx answers of the page: none is expected in any scenario.</summary>
    internal static List<string> WatchForFailures(IPage page)
    {
        var failures = new List<string>();
        page.PageError += (_, error) => failures.Add($"script error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 40", StringComparison.Ordinal))
            {
                failures.Add($"console: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                failures.Add($"{response.Status} from {response.Url}");
            }
        };
        return failures;
    }
}
