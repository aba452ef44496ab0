using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Shop.Grains.Inventory;
using Shop.Journaling;
using Shop.TestKit;
using Shop.Providers.MySql;
using Shop.Providers.Sqlite;

namespace Shop.Grains.Tests.Hosting;

/// <summary>Each test silo: the commerce grains, journaled on the SQLite file or MySQL database of its cluster.</summary>
public sealed class ShopSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var settings = ShopClusterSettings.From(siloBuilder.Configuration);
        siloBuilder.AddJournaling(o => o.MinEntriesBetweenSnapshots = settings.MinEntriesBetweenSnapshots);
        switch (settings.Store)
        {
            case InventoryStore.Sqlite:
                siloBuilder.AddSqliteStorage(o => o.DataDirectory = settings.Location);
                break;
            case InventoryStore.MySql:
                siloBuilder.AddMySqlStorage(o => o.ConnectionString = settings.Location);
                break;
            default:
                throw new InvalidOperationException($"Unknown store {settings.Store}.");
        }

        CountingJournalStorage.Decorate(siloBuilder.Services);

        siloBuilder.Services.Configure<InventoryOptions>(o =>
        {
            o.SettledOrderRetention = settings.SettledOrderRetention ?? o.SettledOrderRetention;
            o.ForgetSettledOrdersEvery = settings.ForgetSettledOrdersEvery ?? o.ForgetSettledOrdersEvery;
        });

        if (settings.QuickFailureDetection)
        {
            siloBuilder.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 1;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
            });
            siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ShopClientConfigurator.QuickResponseTimeout);
        }
    }
}

/// <summary>The test cluster's client: with quick failure detection, a call lost with its silo is given up after seconds.</summary>
public sealed class ShopClientConfigurator : IClientBuilderConfigurator
{
    /// <summary>Calls take milliseconds; one lost with a silo that went away fails after this instead of the default 30 s.</summary>
    public static readonly TimeSpan QuickResponseTimeout = TimeSpan.FromSeconds(10);

    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder)
    {
        if (ShopClusterSettings.From(configuration).QuickFailureDetection)
        {
            clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = QuickResponseTimeout);
        }
    }
}
