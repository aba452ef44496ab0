using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.TestKit;

namespace Shop.Silo.Tests;

/// <summary>
/// The catalog read model after a SIGKILL: products whose creation was answered 201 are committed with their events
/// (the journal is the outbox), so a silo started again on the same storage relays what the dead one had not, and the
/// listing catches up by itself, with no request naming the missing products.
/// </summary>
public sealed class ReadModelRecoveryTests : IDisposable
{
    private const int Products = 40;
    private const string AdminEmail = "admin@recovery.test";
    private const string AdminPassword = "recovery-admin-password";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);

    private readonly string _dataDirectory = TempDirectory.Create("read-model-recovery");

    [Fact]
    public Task On_SQLite_the_read_model_catches_up_after_the_silo_is_killed() => KillAndRecoverAsync(new Dictionary<string, string>());

    [Fact]
    public async Task On_MariaDB_the_read_model_catches_up_after_the_silo_is_killed()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await KillAndRecoverAsync(new Dictionary<string, string>
        {
            ["Shop__Storage__Provider"] = "MySql",
            ["Shop__Storage__ConnectionString"] = database.ConnectionString,
        });
    }

    public void Dispose() => TempDirectory.Delete(_dataDirectory);

    private async Task KillAndRecoverAsync(Dictionary<string, string> storage)
    {
        int category;
        var created = new List<long>();
        using (var silo = StartSilo(storage))
        {
            using var admin = await AdminAsync(silo);
            category = await CreateCategoryAsync(admin);
            var answers = await Task.WhenAll(Enumerable.Range(0, Products).Select(i => admin.PostAsJsonAsync("/api/admin/products", Product(category, i))));
            foreach (var answer in answers)
            {
                Assert.True(answer.StatusCode == HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
                created.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("productId").GetInt64());
            }

            silo.Kill();
        }

        using var again = StartSilo(storage);
        using var client = await AdminAsync(again);
        long[] listed = [];
        await Eventually.HoldsAsync("the listing shows every created product", Deadline, async () =>
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/categories/{category}/products?pageSize=100");
            listed = [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("productId").GetInt64())];
            return listed.Length == Products;
        }, () => $"listed {listed.Length} of {Products}{Environment.NewLine}{again}");
        Assert.Equal(created.Order(), listed.Order());
    }

    private HostProcess StartSilo(Dictionary<string, string> storage)
    {
        var ports = FreePorts.Take(3);
        var settings = new Dictionary<string, string>(storage)
        {
            ["Shop__DataDirectory"] = _dataDirectory,
            ["Shop__Cluster__SiloPort"] = ports[1].ToString(),
            ["Shop__Cluster__GatewayPort"] = ports[2].ToString(),
            ["Shop__Admin__Email"] = AdminEmail,
            ["Shop__Admin__Password"] = AdminPassword,
        };
        return HostProcess.Start("silo", BuiltHost.Silo, $"http://127.0.0.1:{ports[0]}", settings);
    }

    private static async Task<HttpClient> AdminAsync(HostProcess silo)
    {
        var http = new HttpClient { BaseAddress = new Uri(silo.HttpUrl), Timeout = TimeSpan.FromSeconds(30) };
        await Eventually.HoldsAsync("the silo is ready", Deadline, async () =>
        {
            Assert.False(silo.HasExited, silo.ToString());
            try
            {
                return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, silo.ToString);
        var token = await http.PostAsJsonAsync("/api/auth/token", new { email = AdminEmail, password = AdminPassword });
        Assert.True(token.StatusCode == HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    private static async Task<int> CreateCategoryAsync(HttpClient admin)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/categories", new { name = "Recovery" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("categoryId").GetInt32();
    }

    private static object Product(int category, int i) => new
    {
        title = $"복구 상품 {i}",
        brand = "Recovery",
        categoryIds = new[] { category },
        primaryCategoryId = category,
        variants = new[] { new { sku = $"REC-{Guid.NewGuid():N}"[..20], price = new { amount = 1000 + i, currency = "KRW" }, initialStock = 5 } },
    };
}
