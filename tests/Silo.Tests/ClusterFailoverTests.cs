using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Shop.Grains.Interfaces.Inventory;
using Shop.Providers.MySql;
using Shop.TestKit;
using Xunit.Abstractions;

namespace Shop.Silo.Tests;

/// <summary>
/// A real cluster: two silo processes and the gateway process on one fresh MariaDB database, as an operator
/// would start them. One silo is SIGKILLed mid-life; the survivor must take over its SKUs with every
/// acknowledged reservation intact.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const int Stock = 100;
    private const string AdminEmail = "admin@failover.test";
    private const string AdminPassword = "failover-admin-password";
    private const int Reserved = 3;

    // Generous deadlines: they bound a broken cluster, they do not measure a healthy one.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan FailoverDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_a_silo_loses_no_acknowledged_reservation_and_the_survivor_serves_every_sku()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        var clusterId = "shop-test-" + Guid.NewGuid().ToString("N")[..8];
        var ports = FreePorts.Take(7);
        var processes = new List<HostProcess>();
        var testClock = Stopwatch.StartNew();
        var dataDirectory = TempDirectory.Create("cluster");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        IHost? client = null;
        try
        {
            var siloA = StartSilo("silo-a", ports[0], ports[1], ports[2]);
            var siloB = StartSilo("silo-b", ports[3], ports[4], ports[5]);
            var gateway = HostProcess.Start("gateway", BuiltHost.Gateway, $"http://127.0.0.1:{ports[6]}", SharedEnvironment());
            processes.Add(gateway);

            foreach (var host in processes)
            {
                await Eventually.HoldsAsync($"{host.Name} is ready", StartDeadline, () => host.IsReadyAsync(http), Diagnostics);
            }

            output.WriteLine($"Two silos and the gateway ready {testClock.Elapsed.TotalSeconds:F1} s after the test started.");

            client = await MySqlClusterClient.StartAsync(database.ConnectionString, clusterId);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            var management = grains.GetGrain<IManagementGrain>(0);
            await Eventually.HoldsAsync("both silos are Active", StartDeadline, async () => (await management.GetHosts(onlyActive: true)).Count == 2, Diagnostics);

            // Reserve on SKUs until both silos hold some of them (placement is Orleans' choice, not ours).
            var skus = new List<string>();
            Dictionary<string, SiloAddress> placement = [];
            while (placement.Values.Distinct().Count() < 2)
            {
                Assert.True(skus.Count < 2_000, $"2,000 SKUs all landed on one silo: {string.Join(", ", placement.Values.Distinct())}");
                var batch = Enumerable.Range(skus.Count, 200).Select(i => $"SKU-{i:D5}").ToList();
                await Task.WhenAll(batch.Select(ReserveAsync));
                skus.AddRange(batch);
                placement = await management.PlacementAsync("sku");
            }

            Assert.Equal(skus.Count, placement.Count);
            var victimAddress = await management.AddressOfAsync(siloB);
            var victimSkus = skus.Where(s => placement[s].Equals(victimAddress)).ToList();
            output.WriteLine($"{skus.Count} SKUs reserved; {victimSkus.Count} on {siloB.Name} ({victimAddress}), {skus.Count - victimSkus.Count} on {siloA.Name}.");

            // The Orleans dashboard, for the administrator only, sees the whole cluster from the gateway process (an Orleans
            // client) as from either silo, through the membership and reminder tables.
            var admin = await AdminTokenAsync(gateway);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"{gateway.HttpUrl}/dashboard/orleans/DashboardCounters")).StatusCode);
            foreach (var host in new[] { gateway, siloA })
            {
                await Eventually.HoldsAsync($"the dashboard of {host.Name} counts both silos", StartDeadline, async () =>
                {
                    using var counters = JsonDocument.Parse(await AdminGetAsync(admin, $"{host.HttpUrl}/dashboard/orleans/DashboardCounters"));
                    return counters.RootElement.GetProperty("totalActiveHostCount").GetInt32() == 2;
                }, Diagnostics);
            }

            await AdminGetAsync(admin, $"{siloB.HttpUrl}/dashboard/orleans/Reminders");

            // SIGKILL: no shutdown, no goodbye to the membership table.
            var clock = Stopwatch.StartNew();
            siloB.Kill();

            var answeredAfter = new ConcurrentDictionary<string, TimeSpan>();
            var declaredDead = Eventually.HoldsAsync("the killed silo is declared dead", FailoverDeadline, async () =>
                !(await management.GetHosts(onlyActive: true)).ContainsKey(victimAddress), Diagnostics);
            await Task.WhenAll(skus.Select(sku => Eventually.HoldsAsync($"{sku} answers again", FailoverDeadline, async () =>
            {
                // Any answer counts here; what it says is checked below, with a clearer failure than a timeout.
                await grains.GetGrain<ISkuGrain>(sku).GetOrderStatusAsync(OrderOf(sku));
                answeredAfter.TryAdd(sku, clock.Elapsed);
                return true;
            }, Diagnostics)));
            var deadAfter = await declaredDead;

            var victimRecovery = victimSkus.Max(s => answeredAfter[s]);
            output.WriteLine($"Killed silo declared dead (as seen by a poll from the test) after {deadAfter.TotalSeconds:F1} s.");
            output.WriteLine($"Every SKU of the killed silo answered again on the survivor {victimRecovery.TotalSeconds:F1} s after the kill " +
                $"(median {Median(victimSkus.Select(s => answeredAfter[s])).TotalSeconds:F1} s).");

            foreach (var sku in skus)
            {
                var grain = grains.GetGrain<ISkuGrain>(sku);
                Assert.Equal(SkuOrderStatus.Reserved, await grain.GetOrderStatusAsync(OrderOf(sku)));
                var view = await grain.GetViewAsync();
                Assert.Equal((sku, Stock, Reserved, 0, Stock - Reserved), (sku, view.Stock, view.Reserved, view.Sold, view.Available));
            }

            Assert.Equal(0, (await management.PlacementAsync("sku")).Values.Count(a => a.Equals(victimAddress)));
            var gatewayReady = await Eventually.HoldsAsync("the gateway is still ready", FailoverDeadline, () => gateway.IsReadyAsync(http), Diagnostics);
            output.WriteLine($"The gateway answered ready {gatewayReady.TotalSeconds:F1} s after the checks.");
            output.WriteLine($"Checks done {testClock.Elapsed.TotalSeconds:F1} s after the test started.");
        }
        catch (Exception)
        {
            output.WriteLine(Diagnostics());
            throw;
        }
        finally
        {
            if (client is not null)
            {
                await client.StopQuietlyAsync();
            }

            processes.ForEach(p => p.Dispose());
            TempDirectory.Delete(dataDirectory);
        }

        async Task ReserveAsync(string sku)
        {
            var grain = client!.Services.GetRequiredService<IClusterClient>().GetGrain<ISkuGrain>(sku);
            await grain.ClaimAsync(1, new Shop.Grains.Interfaces.Catalog.Money(1000m, "KRW"), Stock, null);
            var result = await grain.ReserveAsync(OrderOf(sku), "user-" + sku, Reserved);
            Assert.True(result.Succeeded, $"{sku}: {result}");
        }

        HostProcess StartSilo(string name, int siloPort, int gatewayPort, int httpPort)
        {
            var environment = SharedEnvironment();
            environment["Shop__Cluster__SiloPort"] = siloPort.ToString();
            environment["Shop__Cluster__GatewayPort"] = gatewayPort.ToString();
            environment["Shop__DataDirectory"] = Path.Combine(dataDirectory, name);
            var silo = HostProcess.Start(name, BuiltHost.Silo, $"http://127.0.0.1:{httpPort}", environment);
            processes.Add(silo);
            return silo;
        }

        Dictionary<string, string> SharedEnvironment() => new()
        {
            ["Shop__Storage__Provider"] = "MySql",
            ["Shop__Storage__ConnectionString"] = database.ConnectionString,
            ["Shop__Cluster__ClusterId"] = clusterId,
            ["Shop__Admin__Email"] = AdminEmail,
            ["Shop__Admin__Password"] = AdminPassword,
        };

        async Task<string> AdminTokenAsync(HostProcess host)
        {
            using var response = await http.PostAsJsonAsync($"{host.HttpUrl}/api/auth/token", new { email = AdminEmail, password = AdminPassword });
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("accessToken").GetString()!;
        }

        async Task<string> AdminGetAsync(string token, string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        string Diagnostics() => string.Join(Environment.NewLine, processes.Select(p => p.ToString()));
    }

    private static string OrderOf(string sku) => "order-" + sku;

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
