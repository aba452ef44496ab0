using System.Net;
using Shop.TestKit;

namespace Shop.Silo.Tests;

/// <summary>The built silo started as a real process, as <c>dotnet run --project src/Silo</c> would.</summary>
public sealed class SiloProcessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private readonly string _dataDirectory = TempDirectory.Create("silo-process");

    [Fact]
    public async Task The_embedded_default_serves_health_OpenAPI_and_the_dashboard_on_its_urls()
    {
        var ports = FreePorts.Take(3);
        using var silo = HostProcess.Start("silo", BuiltHost.Silo, $"http://127.0.0.1:{ports[0]}", new Dictionary<string, string>
        {
            ["Shop__DataDirectory"] = _dataDirectory,
            ["Shop__Cluster__SiloPort"] = ports[1].ToString(),
            ["Shop__Cluster__GatewayPort"] = ports[2].ToString(),
        });
        using var http = new HttpClient { BaseAddress = new Uri(silo.HttpUrl), Timeout = TimeSpan.FromSeconds(10) };

        await Eventually.HoldsAsync("the silo is ready", Deadline, async () =>
        {
            Assert.False(silo.HasExited, silo.ToString());
            return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
        }, silo.ToString);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        var dashboard = await http.GetAsync("/dashboard/orleans/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);
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
