using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans.Serialization;
using Shop.Grains.Interfaces.Orders;
using Shop.Streaming;

namespace Shop.Gateway.Tests.Browser;

/// <summary>
/// The operator in a real browser: the dashboards ask a stranger to sign in (401) and refuse a user (403); the
/// administrator opens the commerce operations page, sees the silo, replays a dead letter, and opens Orleans'
/// dashboard — on a desktop and on a phone-sized screen, with a screenshot of every page.
/// </summary>
public sealed class DashboardBrowserTests(BrowserShop shop, Chromium chromium) : IClassFixture<BrowserShop>, IClassFixture<Chromium>
{
    [Theory]
    [MemberData(nameof(Screen.Names), MemberType = typeof(Screen))]
    public async Task The_administrator_opens_both_dashboards_sees_the_silo_and_replays_a_dead_letter(string screenName)
    {
        var screen = Screen.Named(screenName);
        var shots = new Screenshots("dashboards", screen);
        var user = await shop.RegisterAsync();
        var letter = await AddDeadLetterAsync();

        await using var context = await chromium.Browser.NewContextAsync(screen.ContextOptions(shop.ServerAddress));
        var page = await context.NewPageAsync();
        var failures = StorefrontBrowserTests.WatchForFailures(page);

        // A stranger gets the sign-in page, with its 401, on both dashboards.
        Assert.Equal(401, (await page.GotoAsync("/dashboard/orleans/"))!.Status);
        Assert.Equal(401, (await page.GotoAsync("/dashboard"))!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await shots.TakeAsync(page, "sign-in");

        // A user who signs in there is refused with 403.
        await SignInAsync(page, user.Email, user.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        Assert.Equal(403, (await page.ReloadAsync())!.Status);
        await shots.TakeAsync(page, "forbidden");

        // The administrator signs in on the same form and gets the operations page.
        await SignInAsync(page, Hosting.ShopApiFactory.AdminEmail, Hosting.ShopApiFactory.AdminPassword);
        await Assertions.Expect(page.GetByTestId("silos")).ToContainTextAsync("Active");
        await Assertions.Expect(page.GetByTestId("tile-silos")).ToContainTextAsync("1");
        var replay = page.GetByTestId($"replay-{letter.Id}");
        await Assertions.Expect(replay).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("dead-letters")).ToContainTextAsync("the handler failed");
        await shots.TakeAsync(page, "operations");

        await replay.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Dead letter {letter.Id} replayed.");
        await Assertions.Expect(replay).ToHaveCountAsync(0);
        await shots.TakeAsync(page, "dead-letter-replayed");
        var stored = await shop.Services.GetRequiredService<IDeadLetterStore>().GetAsync(letter.Id);
        Assert.Equal(DeadLetterStatus.Replayed, stored!.Status);

        // Orleans' dashboard, through the same sign-in, shows the cluster and, on its silos page, the silo.
        Assert.Equal(200, (await page.GotoAsync("/dashboard/orleans/"))!.Status);
        await Assertions.Expect(page.GetByText("Silos").First).ToBeVisibleAsync();
        await shots.TakeAsync(page, "orleans-dashboard");
        using var admin = await shop.AdminClientAsync();
        var cluster = await admin.GetFromJsonAsync<JsonElement>("/api/admin/cluster");
        var siloAddress = cluster.GetProperty("silos")[0].GetProperty("address").GetString()!;
        await page.GotoAsync("/dashboard/orleans/#/silos");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(siloAddress);
        await shots.TakeAsync(page, "orleans-silos");

        // Signing out on the operations page ends the cookie too.
        await page.GotoAsync("/dashboard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Equal(401, (await page.GotoAsync("/dashboard/orleans/"))!.Status);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_dashboards_answer_a_script_with_problems_and_never_read_the_cookie_on_the_API()
    {
        using var anonymous = shop.CreateApiClient();
        await Hosting.ProblemAssert.IsAsync(await anonymous.GetAsync("/dashboard"), HttpStatusCode.Unauthorized, "unauthorized");
        var (_, user) = await shop.NewUserClientAsync();
        await Hosting.ProblemAssert.IsAsync(await user.GetAsync("/dashboard"), HttpStatusCode.Forbidden, "forbidden");
        await Hosting.ProblemAssert.IsAsync(await user.GetAsync("/dashboard/orleans/DashboardCounters"), HttpStatusCode.Forbidden, "forbidden");

        // The session cookie holds the admin's token, but under /api it is not a credential: only the header is.
        var token = await shop.TokenAsync(Hosting.ShopApiFactory.AdminEmail, Hosting.ShopApiFactory.AdminPassword);
        using var withCookie = shop.CreateApiClient();
        withCookie.DefaultRequestHeaders.Add("Cookie", $"shop_session={token}");
        await Hosting.ProblemAssert.IsAsync(await withCookie.GetAsync("/api/admin/cluster"), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await withCookie.GetAsync("/dashboard")).StatusCode);
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        var form = page.GetByTestId("signin-form");
        await form.GetByLabel("Email").FillAsync(email);
        await form.GetByLabel("Password").FillAsync(password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>A dead letter of a real event (an order's journal line as the stream carries it), as a failing consumer leaves it.</summary>
    private async Task<DeadLetter> AddDeadLetterAsync()
    {
        var orderId = OrderIds.New();
        var source = $"order/{orderId}";
        var streamEvent = new StreamEvent(StreamEvent.IdOf(source, 1), source, 1, DateTimeOffset.UtcNow, new OrderEvent(OrderEventKind.Cancelled, orderId, DateTimeOffset.UtcNow));
        var payload = shop.Services.GetRequiredService<Serializer>().SerializeToArray(streamEvent);
        var letter = new DeadLetter(0, streamEvent.EventId, StreamNames.Provider, OrderStreams.Orders, orderId, streamEvent.PayloadType, payload, false,
            $"payment/{orderId}", "the handler failed", 3, DateTimeOffset.UtcNow, DeadLetterStatus.Open);
        return letter with { Id = await shop.Services.GetRequiredService<IDeadLetterStore>().AddAsync(letter) };
    }
}
