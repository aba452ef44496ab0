using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Dashboard;
using Shop.Gateway.Health;
using Shop.Gateway.Hosting;
using Shop.Grains.Catalog;
using Shop.Grains.Operations;
using Shop.Journaling;
using Shop.Providers.MySql;
using Shop.Providers.Kafka;
using Shop.Providers.MySql.Streams;
using Shop.Providers.Sqlite;
using Shop.Providers.Sqlite.Streams;
using Shop.ReadModels;
using Shop.ReadModels.Orders;
using Shop.Streaming;

namespace Shop.Silo;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds the Orleans silo with the providers that configuration selects: SQLite on localhost clustering for the
    /// embedded default, or MariaDB for state, reminders and cluster membership (on Kubernetes with Orleans' Kubernetes
    /// hosting when <c>Shop:Kubernetes:Enabled</c>). Orleans logs and publishes its
    /// metrics through the host's own logging and meters; nothing here copies them.
    /// </summary>
    public static WebApplicationBuilder AddShopSilo(this WebApplicationBuilder builder, ShopSiloOptions options)
    {
        var cluster = options.Cluster;
        var kubernetes = KubernetesSettings.Load(builder.Configuration, options);

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
                    silo.Services.AddSqliteCatalogReadModel(options.DataDirectory);
                    silo.Services.AddSqliteOrderReadModel(options.DataDirectory);
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
                    silo.ConfigureClusterEndpoints(cluster, kubernetes);
                    silo.Services.AddMySqlCatalogReadModel(connectionString);
                    silo.Services.AddMySqlOrderReadModel(connectionString);
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
            // A catalog of a million products is more than memory holds at once: under pressure Orleans deactivates the
            // least recently used grains (their state is durable) instead of letting the process run out of memory.
            silo.Configure<GrainCollectionOptions>(o => o.EnableActivationSheddingOnMemoryPressure = true);
            silo.AddStreams(options);
            silo.AddJournaling();
            silo.AddEventHandling();
            silo.AddShopCatalog(builder.Configuration);
            silo.AddShopUsers(builder.Configuration, options.DataDirectory);
            silo.AddShopOrders(builder.Configuration);
            silo.AddShopOperations(builder.Configuration);
            silo.AddDashboard();
            if (!string.IsNullOrWhiteSpace(builder.Configuration[ShopTelemetry.OtlpEndpointKey]))
            {
                // Grain calls become spans of the trace that made them (see ShopTelemetry).
                silo.AddActivityPropagation();
            }
        });
        builder.Services.AddSingleton<Shop.Grains.ReadModels.CatalogMetrics>();
        builder.Services.AddSingleton<Shop.Grains.ReadModels.OrderReadModelMetrics>();
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>The catalog's options (<c>Shop:Catalog</c>). Bad values stop start-up, naming the key.</summary>
    private static void AddShopCatalog(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddValidatedOptions<CatalogOptions>(configuration, CatalogOptions.Section, o => o.Validate());
        silo.Services.TryAddSingleton(TimeProvider.System);
    }

    /// <summary>
    /// The operations page's figures (<c>Shop:Operations</c>): the hot-SKU counter the SKU grains feed, and the reporter
    /// that sends this silo's figures to the operations grain. Bad values stop start-up, naming the key.
    /// </summary>
    private static void AddShopOperations(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddValidatedOptions<OperationsOptions>(configuration, OperationsOptions.Section, o => o.Validate());
        silo.Services.AddSingleton<SkuActivity>();
        silo.Services.AddSingleton<OperationsReporter>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<OperationsReporter>());
    }

    /// <summary>
    /// The system's one stream provider (<see cref="StreamNames.Provider"/>) on the configured queue. Every consumer
    /// subscribes implicitly (by namespace), so no pub-sub grain storage is needed.
    /// </summary>
    private static void AddStreams(this ISiloBuilder silo, ShopSiloOptions options)
    {
        switch (options.Streams.Provider)
        {
            case StreamQueue.Database when options.Storage.Provider == StorageProvider.Sqlite:
                silo.AddSqliteStreams(StreamNames.Provider);
                break;
            case StreamQueue.Database:
                silo.AddMySqlStreams(StreamNames.Provider, options.Storage.RequireConnectionString());
                break;
            case StreamQueue.Kafka:
                var kafka = options.Streams.Kafka;
                silo.AddKafkaStreams(StreamNames.Provider, o =>
                {
                    o.BootstrapServers = kafka.BootstrapServers!;
                    o.StreamNamespaces = [.. options.Streams.KafkaNamespaces];
                    o.PartitionsPerTopic = kafka.Partitions;
                    o.CreateTopics = kafka.CreateTopics;
                    o.TopicPrefix = kafka.TopicPrefix;
                });
                break;
            default:
                throw new InvalidOperationException($"Shop:Streams:Provider '{options.Streams.Provider}' is unknown; use Database or Kafka.");
        }

        silo.Services.Configure<StreamPubSubOptions>(StreamNames.Provider, o => o.PubSubType = Orleans.Streams.StreamPubSubType.ImplicitOnly);
        silo.Services.AddSingleton<Orleans.Streams.IStreamFailureHandler>(sp => sp.GetRequiredService<DeadLetterDeliveryFailureHandler>());
    }
}
