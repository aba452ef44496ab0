using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Gateway.Tests.Hosting;
using Shop.Silo;
using Shop.TestKit;

namespace Shop.Gateway.Tests.Users;

/// <summary>The administrator of configuration (API.md, Auth): generated when none is configured, consistent across restarts and silos.</summary>
public sealed class AdministratorTests : IDisposable
{
    // AdminLog.PasswordGenerated
    private const int PasswordGeneratedEvent = 100;

    private readonly string _dataDirectory = TempDirectory.Create("gateway-admin");

    [Fact]
    public async Task Without_a_configured_password_one_is_generated_printed_once_kept_owner_only_and_reused()
    {
        string generated;
        string tokenOfFirstStart;
        await using (var first = await StartAsync(_dataDirectory, ("Shop:Admin:Password", null)))
        {
            var file = Path.Combine(_dataDirectory, AdminPasswordFile.FileName);
            generated = (await File.ReadAllTextAsync(file)).Trim();
            var printed = first.Logs.Lines.Where(l => l.EventId.Id == PasswordGeneratedEvent).ToList();

            Assert.True(generated.Length >= 20, generated);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            var line = Assert.Single(printed);
            Assert.Contains(generated, line.Message);
            Assert.Contains(file, line.Message);
            tokenOfFirstStart = await first.TokenAsync(ShopApiFactory.AdminEmail, generated);
            Assert.Equal("admin", Jwt.Claims(tokenOfFirstStart).GetProperty("role").GetString());
        }

        await using (var second = await StartAsync(_dataDirectory, ("Shop:Admin:Password", null)))
        {
            using var admin = await second.SignInAsync(ShopApiFactory.AdminEmail, generated);
            using var earlier = second.WithToken(tokenOfFirstStart);

            Assert.DoesNotContain(second.Logs.Lines, l => l.EventId.Id == PasswordGeneratedEvent || l.Message.Contains(generated));
            Assert.Equal(generated, (await File.ReadAllTextAsync(Path.Combine(_dataDirectory, AdminPasswordFile.FileName))).Trim());
            // The signing key is the cluster's, kept in storage: a token of the previous start is still good.
            Assert.Equal(HttpStatusCode.OK, (await earlier.GetAsync("/api/users/me")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/users/{Guid.NewGuid()}")).StatusCode);
        }

        await using var third = await StartAsync(_dataDirectory, ("Shop:Admin:Password", "the-configured-one"));
        using var anonymous = third.CreateApiClient();

        using var configured = await third.SignInAsync(ShopApiFactory.AdminEmail, "the-configured-one");
        var withGenerated = await anonymous.PostAsJsonAsync("/api/auth/token", new { email = ShopApiFactory.AdminEmail, password = generated });

        await ProblemAssert.IsAsync(withGenerated, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.NotFound, (await configured.GetAsync($"/api/admin/users/{Guid.NewGuid()}")).StatusCode);
        Assert.DoesNotContain(third.Logs.Lines, l => l.EventId.Id == PasswordGeneratedEvent);
    }

    [Fact]
    public async Task Changing_the_configured_password_or_email_moves_the_administrator()
    {
        string firstAdminId;
        await using (var first = await StartAsync(_dataDirectory, ("Shop:Admin:Email", "first-admin@shop.test"), ("Shop:Admin:Password", "first-password")))
        {
            firstAdminId = Jwt.Claims(await first.TokenAsync("first-admin@shop.test", "first-password")).GetProperty("sub").GetString()!;
        }

        await using (var second = await StartAsync(_dataDirectory, ("Shop:Admin:Email", "first-admin@shop.test"), ("Shop:Admin:Password", "second-password")))
        {
            using var anonymous = second.CreateApiClient();
            var old = await anonymous.PostAsJsonAsync("/api/auth/token", new { email = "first-admin@shop.test", password = "first-password" });
            var token = await second.TokenAsync("first-admin@shop.test", "second-password");

            await ProblemAssert.IsAsync(old, HttpStatusCode.Unauthorized, "unauthorized");
            Assert.Equal(firstAdminId, Jwt.Claims(token).GetProperty("sub").GetString());
        }

        await using var third = await StartAsync(_dataDirectory, ("Shop:Admin:Email", "Second-Admin@Shop.Test"), ("Shop:Admin:Password", "third-password"));
        var newAdmin = await third.TokenAsync("second-admin@shop.test", "third-password");
        using var demoted = await third.SignInAsync("first-admin@shop.test", "second-password");
        var demotedToken = demoted.DefaultRequestHeaders.Authorization!.Parameter!;

        Assert.Equal("admin", Jwt.Claims(newAdmin).GetProperty("role").GetString());
        Assert.Equal("user", Jwt.Claims(demotedToken).GetProperty("role").GetString());
        await ProblemAssert.IsAsync(await demoted.GetAsync($"/api/admin/users/{firstAdminId}"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Two_silos_on_one_MariaDB_share_accounts_the_administrator_and_the_signing_key()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using var first = new ShopApiFactory(ShopStorage.MySql, database: database).WithSetting("Shop:Admin:Password", null);
        await first.StartAsync();
        await using var second = new ShopApiFactory(ShopStorage.MySql, database: database).WithSetting("Shop:Admin:Password", null);
        await second.StartAsync();

        var generated = (await File.ReadAllTextAsync(Path.Combine(first.DataDirectory, AdminPasswordFile.FileName))).Trim();
        var adminToken = await second.TokenAsync(ShopApiFactory.AdminEmail, generated);

        Assert.False(File.Exists(Path.Combine(second.DataDirectory, AdminPasswordFile.FileName)));
        Assert.DoesNotContain(second.Logs.Lines, l => l.EventId.Id == PasswordGeneratedEvent);
        Assert.Equal("admin", Jwt.Claims(adminToken).GetProperty("role").GetString());

        // One email, registered through both silos at once: one account.
        var email = ShopApiFactory.NewEmail("cluster");
        using var viaFirst = first.CreateApiClient();
        using var viaSecond = second.CreateApiClient();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var response = await (i % 2 == 0 ? viaFirst : viaSecond).PostAsJsonAsync("/api/users", new { email, password = $"password-{i}-xyz", name = $"Racer {i}" });
            return (Password: $"password-{i}-xyz", response.StatusCode);
        }));
        var winner = Assert.Single(attempts, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(39, attempts.Count(a => a.StatusCode == HttpStatusCode.Conflict));

        // Signed in on one silo, the token is good on the other: both use the cluster's signing key.
        var userToken = await first.TokenAsync(email, winner.Password);
        using var onSecond = second.WithToken(userToken);
        var me = await onSecond.GetFromJsonAsync<JsonElement>("/api/users/me");
        Assert.Equal(email, me.GetProperty("email").GetString());
    }

    public void Dispose() => TempDirectory.Delete(_dataDirectory);

    private static async Task<ShopApiFactory> StartAsync(string dataDirectory, params (string Key, string? Value)[] settings)
    {
        var factory = new ShopApiFactory(ShopStorage.Sqlite, dataDirectory);
        foreach (var (key, value) in settings)
        {
            factory.WithSetting(key, value);
        }

        await factory.StartAsync();
        return factory;
    }
}
