using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Shop.Journaling;
using Shop.TestKit;
using Shop.Providers.MySql;

namespace Shop.Grains.Tests.Hosting;

/// <summary>Starts Orleans test clusters (in-process silos) with the commerce grains on a real store.</summary>
public static class ShopCluster
{
    public static async Task<TestCluster> StartAsync(ShopClusterSettings settings)
    {
        if (settings.Store == InventoryStore.MySql)
        {
            await MySqlSchema.EnsureAsync(settings.Location);
        }

        var builder = new TestClusterBuilder(settings.Silos);
        builder.Options.ServiceId = settings.ServiceId;
        builder.Options.ConfigureFileLogging = false;
        foreach (var (key, value) in settings.ToProperties())
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<ShopSiloConfigurator>();
        builder.AddClientBuilderConfigurator<ShopClientConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>The journal store as one silo sees it (by default the primary), to look at or write behind the grains' backs.</summary>
    public static IJournalStorage Journals(this TestCluster cluster, SiloHandle? silo = null) =>
        ((InProcessSiloHandle)(silo ?? cluster.Primary!)).SiloHost.Services.GetRequiredService<IJournalStorage>();

    /// <summary>How many times the journal of <paramref name="grainId"/> was read through one silo (by default the primary).</summary>
    public static int JournalReadsOf(this TestCluster cluster, GrainId grainId, SiloHandle? silo = null) =>
        ((CountingJournalStorage)cluster.Journals(silo)).ReadsOf(grainId);

    /// <summary>Stops every silo gracefully (activations deactivate) and releases the cluster.</summary>
    public static async Task StopAsync(this TestCluster cluster)
    {
        try
        {
            await cluster.StopAllSilosAsync();
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
