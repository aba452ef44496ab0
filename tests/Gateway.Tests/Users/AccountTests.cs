using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Shop.Gateway.Tests.Hosting;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Users;

namespace Shop.Gateway.Tests.Users;

/// <summary>API.md, Auth, against one silo per storage: registration, sign-in, the signed-in account and who may use /api/admin.</summary>
public abstract class AccountTests<TShop>(TShop shop) where TShop : ShopApiFactory
{
    protected TShop Shop { get; } = shop;

    [Fact]
    public async Task Registering_answers_201_with_the_account_and_its_location()
    {
        var email = ShopApiFactory.NewEmail();
        using var client = Shop.CreateApiClient();

        var response = await client.PostAsJsonAsync("/api/users", new { email, password = "long-enough-1", name = "  Kim Min-jun  " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/users/me", response.Headers.Location?.OriginalString);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(Guid.TryParse(body.RootElement.GetProperty("userId").GetString(), out _));
        Assert.Equal(email, body.RootElement.GetProperty("email").GetString());
        Assert.Equal("Kim Min-jun", body.RootElement.GetProperty("name").GetString());
        Assert.False(body.RootElement.TryGetProperty("password", out _));
    }

    [Theory]
    [InlineData(null, "long-enough-1", "Name", "email")]
    [InlineData("", "long-enough-1", "Name", "email")]
    [InlineData("not-an-email", "long-enough-1", "Name", "email")]
    [InlineData("two@@example.com", "long-enough-1", "Name", "email")]
    [InlineData("no-domain-dot@example", "long-enough-1", "Name", "email")]
    [InlineData("spaces in@example.com", "long-enough-1", "Name", "email")]
    [InlineData("ok@example.com", null, "Name", "password")]
    [InlineData("ok@example.com", "", "Name", "password")]
    [InlineData("ok@example.com", "1234567", "Name", "password")]
    [InlineData("ok@example.com", "long-enough-1", null, "name")]
    [InlineData("ok@example.com", "long-enough-1", "", "name")]
    [InlineData("ok@example.com", "long-enough-1", "   ", "name")]
    public async Task A_registration_breaking_a_rule_is_400_validation_failed_naming_the_field(string? email, string? password, string? name, string field)
    {
        using var client = Shop.CreateApiClient();

        var response = await client.PostAsJsonAsync("/api/users", new { email, password, name });

        await ProblemAssert.IsValidationOfAsync(response, field);
    }

    [Fact]
    public async Task Names_of_100_characters_are_accepted_and_of_101_refused()
    {
        using var client = Shop.CreateApiClient();

        var accepted = await client.PostAsJsonAsync("/api/users", new { email = ShopApiFactory.NewEmail(), password = "long-enough-1", name = new string('가', 100) });
        var refused = await client.PostAsJsonAsync("/api/users", new { email = ShopApiFactory.NewEmail(), password = "long-enough-1", name = new string('가', 101) });

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        await ProblemAssert.IsValidationOfAsync(refused, "name");
    }

    [Fact]
    public async Task Every_broken_rule_is_reported_at_once()
    {
        using var client = Shop.CreateApiClient();

        var response = await client.PostAsJsonAsync("/api/users", new { email = "nope", password = "short", name = "" });

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        var errors = problem.GetProperty("errors");
        Assert.Equal(["email", "name", "password"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("{\"email\": \"a@example.com\", \"password\": ", "body")]
    [InlineData("not json at all", "body")]
    [InlineData("{\"email\": 42, \"password\": \"long-enough-1\", \"name\": \"N\"}", "email")]
    [InlineData("{\"email\": \"a@example.com\", \"password\": [\"x\"], \"name\": \"N\"}", "password")]
    public async Task Malformed_JSON_or_a_wrong_type_is_400_validation_failed(string json, string field)
    {
        using var client = Shop.CreateApiClient();

        var response = await client.PostAsync("/api/users", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsValidationOfAsync(response, field);
    }

    [Fact]
    public async Task An_empty_body_is_400_validation_failed()
    {
        using var client = Shop.CreateApiClient();

        var response = await client.PostAsync("/api/users", new StringContent("", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsValidationOfAsync(response, "body");
    }

    [Fact]
    public async Task An_email_registered_in_any_case_or_with_spaces_is_409_email_taken()
    {
        var local = $"Mixed.Case-{Guid.NewGuid():N}";
        await Shop.RegisterAsync($"{local}@Example.COM");
        using var client = Shop.CreateApiClient();

        var again = await client.PostAsJsonAsync("/api/users", new { email = $"  {local.ToLowerInvariant()}@example.com ", password = "another-password", name = "Someone Else" });

        var problem = await ProblemAssert.IsAsync(again, HttpStatusCode.Conflict, "email-taken");
        Assert.Contains("already registered", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Emails_are_stored_lower_case_and_sign_in_ignores_case()
    {
        var local = $"Upper-{Guid.NewGuid():N}";
        var user = await Shop.RegisterAsync($"{local}@EXAMPLE.com");

        using var client = await Shop.SignInAsync($" {local.ToUpperInvariant()}@example.COM", user.Password);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/users/me");

        Assert.Equal($"{local.ToLowerInvariant()}@example.com", user.Email);
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Of_50_concurrent_registrations_of_one_email_exactly_one_succeeds_before_and_after_the_grains_are_deactivated()
    {
        var email = ShopApiFactory.NewEmail("race");

        var first = await RegisterConcurrentlyAsync(email, 50);

        var winner = Assert.Single(first, r => r.Status == HttpStatusCode.Created);
        Assert.Equal(49, first.Count(r => r.Status == HttpStatusCode.Conflict));

        // Every activation goes; the claim is read back from storage.
        await Shop.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var second = await RegisterConcurrentlyAsync(email.ToUpperInvariant(), 50);

        Assert.All(second, r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
        using var signedIn = await Shop.SignInAsync(email, winner.Password);
    }

    [Fact]
    public async Task Signing_in_answers_a_bearer_token_that_expires_in_an_hour()
    {
        var user = await Shop.RegisterAsync();
        using var client = Shop.CreateApiClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { email = user.Email, password = user.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt64());
        var claims = Jwt.Claims(body.GetProperty("accessToken").GetString()!);
        Assert.Equal(user.UserId.ToString(), claims.GetProperty("sub").GetString());
        Assert.Equal(user.Email, claims.GetProperty("email").GetString());
        Assert.Equal("user", claims.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_are_the_same_401_unauthorized()
    {
        var user = await Shop.RegisterAsync();
        using var client = Shop.CreateApiClient();

        var wrongPassword = await client.PostAsJsonAsync("/api/auth/token", new { email = user.Email, password = user.Password + "x" });
        var unknownEmail = await client.PostAsJsonAsync("/api/auth/token", new { email = ShopApiFactory.NewEmail("nobody"), password = user.Password });

        var first = await ProblemAssert.IsAsync(wrongPassword, HttpStatusCode.Unauthorized, "unauthorized");
        var second = await ProblemAssert.IsAsync(unknownEmail, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(first.GetProperty("detail").GetString(), second.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Signing_in_without_email_or_password_is_400_validation_failed()
    {
        using var client = Shop.CreateApiClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { email = "someone@example.com" });

        await ProblemAssert.IsValidationOfAsync(response, "password");
    }

    [Fact]
    public async Task Me_describes_the_signed_in_account()
    {
        var before = Shop.Clock.GetUtcNow();
        var (user, client) = await Shop.NewUserClientAsync();
        using var _ = client;

        var me = await client.GetFromJsonAsync<JsonElement>("/api/users/me");

        Assert.Equal(user.UserId, me.GetProperty("userId").GetGuid());
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal(user.Name, me.GetProperty("name").GetString());
        Assert.False(me.GetProperty("dormant").GetBoolean());
        var createdAt = me.GetProperty("createdAt").GetDateTimeOffset();
        var lastSeenAt = me.GetProperty("lastSeenAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, createdAt.Offset);
        Assert.InRange(createdAt, before.AddSeconds(-1), Shop.Clock.GetUtcNow());
        Assert.InRange(lastSeenAt, createdAt, Shop.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Me_without_a_token_or_with_a_bad_one_is_401_unauthorized()
    {
        using var anonymous = Shop.CreateApiClient();
        using var garbage = Shop.WithToken("not.a.token");
        var (_, client) = await Shop.NewUserClientAsync();
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        client.Dispose();
        using var tampered = Shop.WithToken(Jwt.WithClaim(token, "role", "admin"));

        var none = await anonymous.GetAsync("/api/users/me");
        var bad = await garbage.GetAsync("/api/users/me");
        var forged = await tampered.GetAsync("/api/users/me");

        var problem = await ProblemAssert.IsAsync(none, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString());
        Assert.Contains("required", problem.GetProperty("detail").GetString());
        await ProblemAssert.IsAsync(bad, HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsAsync(forged, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("invalid_token", forged.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401_unauthorized()
    {
        var (user, client) = await Shop.NewUserClientAsync();
        client.Dispose();
        using var foreign = Shop.WithToken(Jwt.SignedWith(RandomNumberGenerator.GetBytes(32), user.UserId, user.Email, "admin", DateTimeOffset.UtcNow.AddHours(1)));

        await ProblemAssert.IsAsync(await foreign.GetAsync("/api/users/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_administrator_signs_in_with_the_configured_password_and_has_role_admin()
    {
        var token = await Shop.TokenAsync(ShopApiFactory.AdminEmail, ShopApiFactory.AdminPassword);
        var (user, userClient) = await Shop.NewUserClientAsync();
        using var _ = userClient;
        using var admin = Shop.WithToken(token);

        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{user.UserId}");
        var self = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{Jwt.Claims(token).GetProperty("sub").GetString()}");

        Assert.Equal("admin", Jwt.Claims(token).GetProperty("role").GetString());
        Assert.Equal(user.Email, view.GetProperty("email").GetString());
        Assert.Equal("user", view.GetProperty("role").GetString());
        Assert.Equal("admin", self.GetProperty("role").GetString());
        Assert.Equal(ShopApiFactory.AdminEmail, self.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_user_on_an_admin_endpoint_is_403_forbidden_and_nobody_is_401()
    {
        var (user, client) = await Shop.NewUserClientAsync();
        using var _ = client;
        using var anonymous = Shop.CreateApiClient();

        var asUser = await client.GetAsync($"/api/admin/users/{user.UserId}");
        var asNobody = await anonymous.GetAsync($"/api/admin/users/{user.UserId}");

        await ProblemAssert.IsAsync(asUser, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsAsync(asNobody, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task An_unknown_account_is_404_not_found_for_the_administrator()
    {
        using var admin = await Shop.AdminClientAsync();

        await ProblemAssert.IsAsync(await admin.GetAsync($"/api/admin/users/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_account_endpoints()
    {
        using var client = Shop.CreateApiClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/users", paths);
        Assert.Contains("/api/auth/token", paths);
        Assert.Contains("/api/users/me", paths);
        Assert.Contains("/api/admin/users/{userId}", paths);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_claim_interrupted_before_its_account_was_confirmed_is_completed_by_the_next_call(bool userStored)
    {
        // What a silo leaves when it dies right after claiming the address (and, perhaps, after creating the user).
        var email = ShopApiFactory.NewEmail("interrupted");
        var userId = Guid.NewGuid();
        var pending = new NewUser(email, "Interrupted", Pbkdf2("the-first-password"), UserRole.User, Shop.Clock.GetUtcNow());
        var storage = Shop.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        await storage.WriteStateAsync("email", GrainId.Create(GrainType.Create(EmailGrain.GrainTypeName), IdSpan.Create(email)), new GrainState<EmailState>(new EmailState { UserId = userId, Pending = pending }));
        if (userStored)
        {
            var user = new UserState { Email = email, Name = pending.Name, Password = pending.Password, CreatedAt = pending.CreatedAt, LastSeenAt = pending.CreatedAt };
            await storage.WriteStateAsync("user", GrainId.Create(GrainType.Create(UserGrain.GrainTypeName), GrainIdKeyExtensions.CreateGuidKey(userId)), new GrainState<UserState>(user));
        }

        using var anonymous = Shop.CreateApiClient();
        var second = await anonymous.PostAsJsonAsync("/api/users", new { email, password = "the-second-password", name = "Second" });
        using var client = await Shop.SignInAsync(email, "the-first-password");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/users/me");

        await ProblemAssert.IsAsync(second, HttpStatusCode.Conflict, "email-taken");
        Assert.Equal(userId, me.GetProperty("userId").GetGuid());
        Assert.Equal("Interrupted", me.GetProperty("name").GetString());
    }

    private async Task<(string Password, HttpStatusCode Status)[]> RegisterConcurrentlyAsync(string email, int count)
    {
        using var client = Shop.CreateApiClient();
        var attempts = Enumerable.Range(0, count).Select(async i =>
        {
            var password = $"password-{i}-of-race";
            var response = await client.PostAsJsonAsync("/api/users", new { email, password, name = $"Racer {i}" });
            return (password, response.StatusCode);
        });
        return await Task.WhenAll(attempts);
    }

    // The stored format of a password (PasswordHash): PBKDF2-HMAC-SHA256, its iteration count, salt and hash.
    private static PasswordHash Pbkdf2(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new PasswordHash("PBKDF2-HMAC-SHA256", 100_000, salt, Rfc2898DeriveBytes.Pbkdf2(password, salt, 100_000, HashAlgorithmName.SHA256, 32));
    }
}

public sealed class SqliteAccountTests(SqliteShop shop) : AccountTests<SqliteShop>(shop), IClassFixture<SqliteShop>;

public sealed class MySqlAccountTests(MySqlShop shop) : AccountTests<MySqlShop>(shop), IClassFixture<MySqlShop>;
