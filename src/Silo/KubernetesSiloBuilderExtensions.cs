using Orleans.Hosting.Kubernetes;
using Shop.Gateway.Hosting;

namespace Shop.Silo;

public static class KubernetesSiloBuilderExtensions
{
    /// <summary>
    /// The silo's endpoints on a MariaDB cluster: the configured <c>Shop:Cluster:AdvertisedAddress</c>, or on Kubernetes
    /// (<see cref="KubernetesSettings.Enabled"/>) the pod's IP with Orleans' Kubernetes hosting.
    /// </summary>
    public static ISiloBuilder ConfigureClusterEndpoints(this ISiloBuilder silo, ClusterSettings cluster, KubernetesSettings kubernetes)
    {
        if (!kubernetes.Enabled)
        {
            silo.ConfigureEndpoints(cluster.AdvertisedIPAddress, cluster.SiloPort, cluster.GatewayPort);
            return silo;
        }

        // The address is set here rather than left to Orleans' Kubernetes hosting: its POD_IP fallback only applies
        // when no address is set, and Orleans' own defaults (registered first) always set one, the first interface's.
        // Listening on every address also lets `kubectl port-forward` (which arrives on the pod's loopback) reach the ports.
        silo.ConfigureEndpoints(kubernetes.PodIP!, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);

        // Pod name (the silo's name, matched against pods), namespace and labels come from the pod; the cluster and
        // service ids stay those of ClusterOptions (Shop:Cluster:ClusterId), which the agent also writes onto the pod's
        // labels. Needs the RBAC in k8s/silo-rbac.yaml: pods get, patch (labels), list, watch and delete.
        silo.UseKubernetesHosting(o => o.Configure(k => k.DeleteDefunctSiloPods = kubernetes.DeleteDefunctSiloPods));
        return silo;
    }
}
