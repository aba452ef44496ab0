using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.TestKit;

namespace Shop.Silo.Tests;

/// <summary>The built silo started as a real process, as <c>dotnet run --project src/Silo</c> would.</summary>
public sealed class SiloProcessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private readonly string _dataDirectory = TempDirectory.Create("silo-process");

    [Fact]
    public async Task The_embedded_default_serves_health_OpenAPI_the_storefront_and_the_dashboards_to_its_generated_admin()
    {
        var ports = FreePorts.Take(3);
        using var silo = HostProcess.Start("silo", BuiltHost.Silo, $"http://127.0.0.1:{ports[0]}", new Dictionary<string, string>
        {
            ["Shop__DataDirectory"] = _dataDirectory,
            ["Shop__Cluster__SiloPort"] = ports[1].ToString(),
            ["Shop__Cluster__GatewayPort"] = ports[2].ToString(),
        });
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(silo.HttpUrl), Timeout = TimeSpan.FromSeconds(10) };

        await Eventually.HoldsAsync("the silo is ready", Deadline, async () =>
        {
            Assert.False(silo.HasExited, silo.ToString());
            return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
        }, silo.ToString);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        await AssertPageAsync(http, "/", HttpStatusCode.OK);

        // Before signing in, a browser gets the sign-in page with its 401, for both dashboards.
        Assert.Contains("Sign in", await AssertPageAsync(http, "/dashboard", HttpStatusCode.Unauthorized));
        await AssertPageAsync(http, "/dashboard/orleans/", HttpStatusCode.Unauthorized);

        // The operator signs in with the password the first start generated (printed once, kept in the data directory).
        var password = File.ReadAllText(Path.Combine(_dataDirectory, "admin-password.txt")).Trim();
        Assert.Contains(password, silo.Output);
        using var signIn = await http.PostAsJsonAsync("/api/auth/token", new { email = "admin@shop.local", password });
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var session = new HttpRequestMessage(HttpMethod.Post, "/api/auth/session");
        session.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(session)).StatusCode);

        Assert.Contains("Operations", await AssertPageAsync(http, "/dashboard", HttpStatusCode.OK));
        Assert.Contains("Orleans Dashboard", await AssertPageAsync(http, "/dashboard/orleans/", HttpStatusCode.OK));
    }

    private static async Task<string> AssertPageAsync(HttpClient http, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Bad_configuration_stops_the_process_with_a_message_naming_the_key()
    {
        using var silo = HostProcess.Start("silo", BuiltHost.Silo, "http://127.0.0.1:0", new Dictionary<string, string>
        {
            ["Shop__DataDirectory"] = _dataDirectory,
            ["Shop__Storage__Provider"] = "MySql",
        });

        await silo.WaitForExitAsync(Deadline);

        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("Shop:Storage:ConnectionString", silo.Output);
    }

    public void Dispose() => TempDirectory.Delete(_dataDirectory);
}
