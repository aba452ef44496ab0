using System.Net;
using Orleans.Hosting.Kubernetes;
using Shop.Gateway.Hosting;

namespace Shop.Silo;

/// <summary>
/// <c>Shop:Kubernetes</c>: a silo running as a pod (see k8s/ and the README's "Kubernetes"). When enabled, the silo
/// advertises the pod's IP and Orleans' Kubernetes hosting watches the cluster's pods: a silo whose pod was deleted is
/// declared dead at once, and the pod of a silo declared dead is deleted (so its controller starts a fresh one).
/// </summary>
public sealed class KubernetesSettings
{
    public const string Section = "Shop:Kubernetes";

    /// <summary>
    /// The environment variables the pod spec sets from the downward API. Environment variables are part of the
    /// configuration, which is where they are read from here (so tests need not touch the process environment).
    /// </summary>
    public const string PodIPKey = KubernetesHostingOptions.PodIPEnvironmentVariable;

    /// <summary>Whether the silo runs on Kubernetes. Default false: the embedded default and the MariaDB cluster of processes.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Whether the silos watching Kubernetes delete the pod of a silo the cluster declared dead (Orleans
    /// <c>KubernetesHostingOptions.DeleteDefunctSiloPods</c>): a silo cut off from the others, or hung, is then restarted
    /// by its Deployment instead of lingering. Default true (Orleans: false).
    /// </summary>
    public bool DeleteDefunctSiloPods { get; set; } = true;

    /// <summary>The pod's IP (<see cref="PodIPKey"/>), set by <see cref="Load"/> when <see cref="Enabled"/>.</summary>
    public IPAddress? PodIP { get; private set; }

    /// <summary>
    /// Binds the section and checks it against the rest of the silo's configuration; bad configuration throws
    /// <see cref="InvalidOperationException"/> naming the key.
    /// </summary>
    public static KubernetesSettings Load(IConfiguration configuration, ShopSiloOptions options)
    {
        var settings = configuration.GetSection(Section).Get<KubernetesSettings>() ?? new KubernetesSettings();
        if (!settings.Enabled)
        {
            return settings;
        }

        // Pods come and go with their IPs: only a shared membership table lets them find each other.
        if (options.Storage.Provider != StorageProvider.MySql)
        {
            throw new InvalidOperationException(
                $"{Section}:Enabled is true but Shop:Storage:Provider is {options.Storage.Provider}; " +
                "silos on Kubernetes need MySql, whose membership table they share (the embedded default is one silo on localhost).");
        }

        var podIP = configuration[PodIPKey];
        if (!IPAddress.TryParse(podIP, out var address))
        {
            throw new InvalidOperationException(
                $"{Section}:Enabled is true but the environment variable {PodIPKey} is '{podIP}', not an IP address " +
                "(set it from the downward API: valueFrom.fieldRef.fieldPath status.podIP).");
        }

        settings.PodIP = address;

        // Orleans' Kubernetes hosting lets these variables override ClusterOptions. The gateway process knows the cluster
        // by Shop:Cluster:ClusterId alone, so a different value would leave it looking for silos that are not there.
        foreach (var variable in new[] { KubernetesHostingOptions.ClusterIdEnvironmentVariable, KubernetesHostingOptions.ServiceIdEnvironmentVariable })
        {
            var value = configuration[variable];
            if (!string.IsNullOrEmpty(value) && !string.Equals(value, options.Cluster.ClusterId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"The environment variable {variable} is '{value}' but Shop:Cluster:ClusterId is '{options.Cluster.ClusterId}'; " +
                    $"leave {variable} unset (Shop:Cluster:ClusterId names the cluster for the silos and the gateway alike).");
            }
        }

        return settings;
    }
}
