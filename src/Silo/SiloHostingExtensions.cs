using Orleans.Configuration;
using Orleans.Dashboard;
using Shop.Gateway.Health;
using Shop.Gateway.Hosting;
using Shop.Journaling;
using Shop.Providers.MySql;
using Shop.Providers.Sqlite;

namespace Shop.Silo;

public static class SiloHostingExtensions
{
    /// <summary>Where the silo serves the Orleans dashboard (API.md, Operations); it answers under the prefix with a trailing slash.</summary>
    public const string DashboardPath = "/dashboard/orleans";

    /// <summary>
    /// Adds the Orleans silo with the providers that configuration selects: SQLite on localhost clustering for the
    /// embedded default, or MariaDB for state, reminders and cluster membership. Orleans logs and publishes its
    /// metrics through the host's own logging and meters; nothing here copies them.
    /// </summary>
    public static WebApplicationBuilder AddShopSilo(this WebApplicationBuilder builder, ShopSiloOptions options)
    {
        var cluster = options.Cluster;

        builder.UseOrleans(silo =>
        {
            switch (options.Storage.Provider)
            {
                case StorageProvider.Sqlite:
                    // One silo alone: localhost clustering needs no shared table, and it keeps the embedded
                    // default's gateway port where a separate gateway process looks for it.
                    silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ClusterId, clusterId: cluster.ClusterId);
                    silo.AddSqliteStorage(o => o.DataDirectory = options.DataDirectory);
                    silo.UseSqliteReminderService();
                    break;
                case StorageProvider.MySql:
                    var connectionString = options.Storage.RequireConnectionString();
                    silo.UseAdoNetClustering(o =>
                    {
                        o.Invariant = MySqlInvariant.Name;
                        o.ConnectionString = connectionString;
                    });
                    silo.UseAdoNetReminderService(o =>
                    {
                        o.Invariant = MySqlInvariant.Name;
                        o.ConnectionString = connectionString;
                    });
                    // Also creates or upgrades the schema before the runtime initializes, so clustering finds its tables.
                    silo.AddMySqlStorage(o => o.ConnectionString = connectionString);
                    silo.Configure<ClusterOptions>(o =>
                    {
                        o.ClusterId = cluster.ClusterId;
                        o.ServiceId = cluster.ClusterId;
                    });
                    silo.ConfigureEndpoints(cluster.AdvertisedIPAddress, cluster.SiloPort, cluster.GatewayPort);
                    break;
                default:
                    throw new InvalidOperationException($"Shop:Storage:Provider '{options.Storage.Provider}' is unknown; use Sqlite or MySql.");
            }

            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = cluster.ProbeTimeout;
                o.NumMissedProbesLimit = cluster.NumMissedProbesLimit;
                o.IAmAliveTablePublishTimeout = cluster.IAmAliveTablePublishTimeout;
                o.TableRefreshTimeout = cluster.TableRefreshTimeout;
            });
            silo.AddJournaling();
            silo.AddDashboard();
        });
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }
}
