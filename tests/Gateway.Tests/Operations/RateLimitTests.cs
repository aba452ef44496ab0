using System.Net;
using System.Net.Http.Json;
using Shop.Gateway.Tests.Hosting;
using Shop.Gateway.Tests.Orders;
using static Shop.Gateway.Tests.Orders.OrderApi;

namespace Shop.Gateway.Tests.Operations;

/// <summary>
/// ASP.NET Core's rate limiter in front of the API: sign-in attempts per email, orders per user, anonymous calls per
/// IP, each refusal a 429 <c>rate-limited</c> problem with <c>Retry-After</c>, and the service still ready.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_ins_orders_and_anonymous_calls_are_limited_with_retry_after()
    {
        await using var shop = new OrderShop(ShopStorage.Sqlite);
        shop.WithSetting("Shop:Gateway:SignInsPerMinute", "3").WithSetting("Shop:Gateway:OrdersPerMinute", "2");
        await shop.StartAsync();
        var sku = await OrderSagaTests<OrderShop>.NewSkuAsync(shop, stock: 10);
        var buyer = await shop.RegisterAsync();
        using var anonymous = shop.CreateApiClient();

        // Sign-in attempts count per email, right or wrong: after three, even the right password waits.
        using var signedIn = await shop.SignInAsync(buyer);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/token", new { email = buyer.Email, password = "wrong-password" })).StatusCode);
        }

        var limited = await anonymous.PostAsJsonAsync("/api/auth/token", new { email = buyer.Email, password = buyer.Password });
        await ProblemAssert.IsAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        var other = await shop.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/token", new { email = other.Email, password = other.Password })).StatusCode);

        // Orders count per user.
        await AcceptedAsync(await PlaceAsync(signedIn, "tok_ok", null, (sku, 1)));
        await AcceptedAsync(await PlaceAsync(signedIn, "tok_ok", null, (sku, 1)));
        var third = await PlaceAsync(signedIn, "tok_ok", null, (sku, 1));
        await ProblemAssert.IsAsync(third, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(third.Headers.Contains("Retry-After"));
        using var otherBuyer = await shop.SignInAsync(other);
        await AcceptedAsync(await PlaceAsync(otherBuyer, "tok_ok", null, (sku, 1)));

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_calls_are_limited_per_address()
    {
        await using var shop = new ShopApiFactory(ShopStorage.Sqlite);
        shop.WithSetting("Shop:Gateway:AnonymousPerMinute", "5");
        await shop.StartAsync();
        using var anonymous = shop.CreateApiClient();
        using var admin = await shop.AdminClientAsync(); // its sign-in is one anonymous call

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await anonymous.GetAsync("/api/categories"));
        }

        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        await ProblemAssert.IsAsync(answers[^1], HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(answers[^1].Headers.Contains("Retry-After"));

        // A signed-in caller is not counted as anonymous.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/categories")).StatusCode);
    }
}
