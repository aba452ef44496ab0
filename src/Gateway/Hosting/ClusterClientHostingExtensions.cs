using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Shop.Gateway.Health;
using Shop.Gateway.Resilience;
using Shop.Providers.MySql;

namespace Shop.Gateway.Hosting;

public static class ClusterClientHostingExtensions
{
    /// <summary>
    /// Joins the cluster as an Orleans client: with <see cref="StorageProvider.MySql"/> it finds the silos' gateways
    /// in that database's membership table (the schema is ensured first); with <see cref="StorageProvider.Sqlite"/>
    /// it dials the one embedded silo on localhost at <c>Shop:Cluster:GatewayPort</c>. Ready when the cluster answers.
    /// </summary>
    public static IHostApplicationBuilder AddShopClusterClient(this IHostApplicationBuilder builder, GatewayHostOptions options)
    {
        var cluster = options.Cluster;
        builder.Services.AddStorageSchemaInitializer(options.Storage);
        builder.UseOrleansClient(client =>
        {
            if (!string.IsNullOrWhiteSpace(builder.Configuration[ShopTelemetry.OtlpEndpointKey]))
            {
                client.AddActivityPropagation();
            }

            switch (options.Storage.Provider)
            {
                case StorageProvider.MySql:
                    var connectionString = options.Storage.RequireConnectionString();
                    client.UseAdoNetClustering(o =>
                    {
                        o.Invariant = MySqlInvariant.Name;
                        o.ConnectionString = connectionString;
                    });
                    client.Configure<ClusterOptions>(o =>
                    {
                        o.ClusterId = cluster.ClusterId;
                        o.ServiceId = cluster.ClusterId;
                    });
                    break;
                default:
                    client.UseLocalhostClustering(cluster.GatewayPort, serviceId: cluster.ClusterId, clusterId: cluster.ClusterId);
                    break;
            }

            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = cluster.GatewayListRefreshPeriod);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClusterChange.GrainCallTimeout);
            client.Services.AddSingleton<IClientConnectionRetryFilter, KeepTryingConnectionFilter>();
            // The Orleans dashboard's pages (Pages.PageEndpoints), fed by the silos' own dashboard collectors.
            client.AddDashboard();
        });
        builder.Services.AddHealthChecks().AddCheck<ClusterClientReadinessCheck>("cluster", tags: [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(5));

        // The web server starts alongside the client rather than after it, so /health/live answers (and
        // /health/ready says 503) while the client is still looking for a silo.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        return builder;
    }
}
