using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Shop.Silo.Tests;

/// <summary>
/// The <c>Shop:Kubernetes</c> switch, on the real silo host built in process (not started: there is no Kubernetes API
/// here, and the database is never dialled before the start).
/// </summary>
public sealed class KubernetesHostingTests
{
    private const string PodIP = "10.42.7.19";

    [Fact]
    public void On_Kubernetes_the_silo_advertises_the_pod_IP_listens_on_every_address_and_runs_the_Kubernetes_agent()
    {
        using var app = BuildSilo(("Shop:Kubernetes:Enabled", "true"), (KubernetesSettings.PodIPKey, PodIP));

        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Parse(PodIP), endpoints.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), endpoints.GatewayListeningEndpoint);
        Assert.Contains(app.Registered, d => d.ImplementationType == typeof(KubernetesClusterAgent));
        Assert.True(KubernetesOptions(app).DeleteDefunctSiloPods);

        var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal(("k8s-shop", "k8s-shop"), (cluster.ClusterId, cluster.ServiceId));
    }

    [Fact]
    public void Deleting_the_pods_of_dead_silos_can_be_turned_off()
    {
        using var app = BuildSilo(("Shop:Kubernetes:Enabled", "true"), (KubernetesSettings.PodIPKey, PodIP), ("Shop:Kubernetes:DeleteDefunctSiloPods", "false"));

        Assert.False(KubernetesOptions(app).DeleteDefunctSiloPods);
    }

    [Fact]
    public void Off_Kubernetes_a_MariaDB_silo_advertises_the_configured_address_and_has_no_Kubernetes_agent()
    {
        using var app = BuildSilo(("Shop:Cluster:AdvertisedAddress", "192.0.2.5"), (KubernetesSettings.PodIPKey, PodIP));

        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Parse("192.0.2.5"), endpoints.AdvertisedIPAddress);
        Assert.Null(endpoints.SiloListeningEndpoint);
        Assert.DoesNotContain(app.Registered, d => d.ImplementationType == typeof(KubernetesClusterAgent));
    }

    [Theory]
    [InlineData("Shop:Storage:Provider", "Sqlite", "Shop:Storage:Provider")]
    [InlineData(KubernetesSettings.PodIPKey, "", KubernetesSettings.PodIPKey)]
    [InlineData(KubernetesSettings.PodIPKey, "pod-7", KubernetesSettings.PodIPKey)]
    [InlineData(KubernetesHostingOptions.ClusterIdEnvironmentVariable, "another", KubernetesHostingOptions.ClusterIdEnvironmentVariable)]
    [InlineData(KubernetesHostingOptions.ServiceIdEnvironmentVariable, "another", KubernetesHostingOptions.ServiceIdEnvironmentVariable)]
    public void Configuration_Kubernetes_cannot_work_with_stops_the_silo_naming_the_key(string key, string value, string named)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => BuildSilo(("Shop:Kubernetes:Enabled", "true"), (KubernetesSettings.PodIPKey, PodIP), (key, value)));

        Assert.Contains(named, exception.Message);
    }

    [Fact]
    public void Orleans_cluster_id_variables_equal_to_the_configured_cluster_id_are_accepted()
    {
        using var app = BuildSilo(
            ("Shop:Kubernetes:Enabled", "true"),
            (KubernetesSettings.PodIPKey, PodIP),
            (KubernetesHostingOptions.ClusterIdEnvironmentVariable, "k8s-shop"),
            (KubernetesHostingOptions.ServiceIdEnvironmentVariable, "k8s-shop"));

        Assert.Equal(IPAddress.Parse(PodIP), app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress);
    }

    /// <summary>A MariaDB silo (the database is not reached: nothing starts), with the later settings winning.</summary>
    private static BuiltSilo BuildSilo(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Shop:Storage:Provider"] = "MySql",
            ["Shop:Storage:ConnectionString"] = "Server=127.0.0.1;Port=1;Database=never_dialled;User ID=none",
            ["Shop:Cluster:ClusterId"] = "k8s-shop",
            ["Shop:Gateway:Enabled"] = "false",
            // Whatever the machine running the tests has: the cases set what they need.
            [KubernetesSettings.PodIPKey] = "",
            [KubernetesHostingOptions.ClusterIdEnvironmentVariable] = "",
            [KubernetesHostingOptions.ServiceIdEnvironmentVariable] = "",
        });
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddShopSilo(ShopSiloOptions.Load(builder.Configuration));
        return new BuiltSilo(builder.Build(), [.. builder.Services]);
    }

    /// <summary>
    /// The hosting options as the silo's configuration makes them, without Orleans' validation (which wants a pod
    /// namespace, and there is no pod here).
    /// </summary>
    private static KubernetesHostingOptions KubernetesOptions(BuiltSilo app)
    {
        var options = new KubernetesHostingOptions();
        foreach (var configure in app.Services.GetServices<IConfigureOptions<KubernetesHostingOptions>>())
        {
            configure.Configure(options);
        }

        return options;
    }

    /// <summary>
    /// The built silo and what was registered in it: the Kubernetes agent is looked for among the registrations, since
    /// resolving it would dial the Kubernetes API.
    /// </summary>
    private sealed record BuiltSilo(WebApplication App, IReadOnlyList<ServiceDescriptor> Registered) : IDisposable
    {
        public IServiceProvider Services => App.Services;

        public void Dispose() => ((IDisposable)App).Dispose();
    }
}
