using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Shop.Providers.MySql;

namespace Shop.TestKit;

/// <summary>
/// An Orleans client of a cluster whose membership is in MariaDB, for tests and benchmarks that watch a cluster of
/// processes from outside, and what they ask its management grain: which silo is which process, and where grains live.
/// </summary>
public static class MySqlClusterClient
{
    /// <summary>
    /// Starts a client that finds the cluster's gateways in the membership table of <paramref name="connectionString"/>.
    /// A call to a grain of a dead silo fails after 10 s and can be asked again, rather than sitting out Orleans' 30 s.
    /// </summary>
    public static async Task<IHost> StartAsync(string connectionString, string clusterId, TimeSpan? gatewayListRefreshPeriod = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(c =>
        {
            c.UseAdoNetClustering(o =>
            {
                o.Invariant = MySqlInvariant.Name;
                o.ConnectionString = connectionString;
            });
            c.Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = clusterId);
            if (gatewayListRefreshPeriod is { } period)
            {
                c.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = period);
            }

            c.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Stops and disposes a client; a cluster already gone (its silos killed by the test) is no failure.</summary>
    public static async Task StopQuietlyAsync(this IHost client)
    {
        await client.StopAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        client.Dispose();
    }

    /// <summary>Which silo holds each active grain of <paramref name="grainType"/> (e.g. <c>sku</c>), by key.</summary>
    public static async Task<Dictionary<string, SiloAddress>> PlacementAsync(this IManagementGrain management, string grainType) =>
        (await management.GetDetailedGrainStatistics())
            .Where(s => s.GrainId.Type.ToString() == grainType)
            .ToDictionary(s => s.GrainId.Key.ToString()!, s => s.SiloAddress);

    /// <summary>The active silo that is <paramref name="silo"/>'s process, found by its silo-to-silo port.</summary>
    public static async Task<SiloAddress> AddressOfAsync(this IManagementGrain management, HostProcess silo)
    {
        var port = int.Parse(silo.Settings["Shop__Cluster__SiloPort"], System.Globalization.CultureInfo.InvariantCulture);
        return (await management.GetHosts(onlyActive: true)).Keys.Single(a => a.Endpoint.Port == port);
    }
}
