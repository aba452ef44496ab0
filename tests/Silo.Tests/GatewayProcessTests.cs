using System.Net;
using Shop.TestKit;

namespace Shop.Silo.Tests;

/// <summary>The built gateway started as a real process, as <c>dotnet run --project src/Gateway</c> would.</summary>
public sealed class GatewayProcessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Before_any_silo_joins_the_gateway_is_live_but_not_ready()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        var port = FreePorts.Take(1)[0];
        using var gateway = HostProcess.Start("gateway", BuiltHost.Gateway, $"http://127.0.0.1:{port}", new Dictionary<string, string>
        {
            ["Shop__Storage__Provider"] = "MySql",
            ["Shop__Storage__ConnectionString"] = database.ConnectionString,
        });
        using var http = new HttpClient { BaseAddress = new Uri(gateway.HttpUrl), Timeout = TimeSpan.FromSeconds(10) };

        await Eventually.HoldsAsync("the gateway is live", Deadline, async () =>
        {
            Assert.False(gateway.HasExited, gateway.ToString());
            return (await http.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK;
        }, gateway.ToString);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.False(gateway.HasExited, gateway.ToString());
    }

    [Fact]
    public async Task Bad_configuration_stops_the_process_with_a_message_naming_the_key()
    {
        using var gateway = HostProcess.Start("gateway", BuiltHost.Gateway, "http://127.0.0.1:0", new Dictionary<string, string>
        {
            ["Shop__Storage__Provider"] = "MySql",
        });

        await gateway.WaitForExitAsync(Deadline);

        Assert.NotEqual(0, gateway.ExitCode);
        Assert.Contains("Shop:Storage:ConnectionString", gateway.Output);
    }
}
