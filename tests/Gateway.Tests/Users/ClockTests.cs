using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Gateway.Tests.Hosting;
using Shop.Grains.Interfaces.Users;

namespace Shop.Gateway.Tests.Users;

/// <summary>Token expiry and dormancy, by moving the silo's clock forward (each test has a silo of its own, since it moves time).</summary>
public abstract class ClockTests(ShopStorage storage)
{
    [Fact]
    public async Task A_token_is_refused_once_its_hour_has_passed_and_signing_in_again_gives_a_new_one()
    {
        await using var shop = await ShopApiFactory.StartAsync(storage);
        var (user, client) = await shop.NewUserClientAsync();
        using var _ = client;

        shop.Clock.Advance(TimeSpan.FromMinutes(59));
        var stillValid = await client.GetAsync("/api/users/me");
        shop.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await client.GetAsync("/api/users/me");
        using var again = await shop.SignInAsync(user);
        var renewed = await again.GetAsync("/api/users/me");

        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        var problem = await ProblemAssert.IsAsync(expired, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("expired", problem.GetProperty("detail").GetString());
        Assert.Contains("invalid_token", expired.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task An_account_not_signed_in_for_six_months_is_dormant_may_not_order_and_wakes_by_signing_in()
    {
        await using var shop = await ShopApiFactory.StartAsync(storage, ("Shop:Auth:TokenLifetime", "400.00:00:00"));
        var (user, client) = await shop.NewUserClientAsync();
        using var _ = client;
        var account = shop.Grains.GetGrain<IUserGrain>(user.UserId);
        await account.EnsureCanOrderAsync();

        shop.Clock.Advance(TimeSpan.FromDays(182));
        var almost = await client.GetFromJsonAsync<JsonElement>("/api/users/me");
        shop.Clock.Advance(TimeSpan.FromDays(2));
        var dormant = await client.GetFromJsonAsync<JsonElement>("/api/users/me");
        var refusal = await Assert.ThrowsAsync<UserDormantException>(account.EnsureCanOrderAsync);

        Assert.False(almost.GetProperty("dormant").GetBoolean());
        Assert.True(dormant.GetProperty("dormant").GetBoolean());
        Assert.Equal(user.UserId, refusal.UserId);

        using var awake = await shop.SignInAsync(user);
        var me = await awake.GetFromJsonAsync<JsonElement>("/api/users/me");

        Assert.False(me.GetProperty("dormant").GetBoolean());
        Assert.InRange(me.GetProperty("lastSeenAt").GetDateTimeOffset(), shop.Clock.GetUtcNow().AddMinutes(-1), shop.Clock.GetUtcNow());
        await account.EnsureCanOrderAsync();
        await Assert.ThrowsAsync<UnknownUserException>(shop.Grains.GetGrain<IUserGrain>(Guid.NewGuid()).EnsureCanOrderAsync);
    }

    [Fact]
    public async Task The_token_lifetime_and_the_dormancy_period_are_configurable()
    {
        await using var shop = await ShopApiFactory.StartAsync(storage, ("Shop:Auth:TokenLifetime", "00:05:00"), ("Shop:Users:DormantAfter", "1.00:00:00"));
        var user = await shop.RegisterAsync();
        using var anonymous = shop.CreateApiClient();

        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { email = user.Email, password = user.Password });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var client = shop.WithToken(body.GetProperty("accessToken").GetString()!);
        shop.Clock.Advance(TimeSpan.FromMinutes(6));
        var expired = await client.GetAsync("/api/users/me");
        shop.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(300, body.GetProperty("expiresIn").GetInt64());
        await ProblemAssert.IsAsync(expired, HttpStatusCode.Unauthorized, "unauthorized");
        await Assert.ThrowsAsync<UserDormantException>(shop.Grains.GetGrain<IUserGrain>(user.UserId).EnsureCanOrderAsync);
    }
}

public sealed class SqliteClockTests() : ClockTests(ShopStorage.Sqlite);

public sealed class MySqlClockTests() : ClockTests(ShopStorage.MySql);
