namespace Shop.Deployment.Tests;

/// <summary>The silo pods are set up for Orleans' Kubernetes hosting and for handing their grains over when stopped.</summary>
public sealed class SiloPodTests
{
    [Fact]
    public void Silo_pods_carry_the_Orleans_labels_pod_fields_permissions_and_grace_period_they_need() =>
        Assert.Empty(SiloPodCheck.Problems(Manifests.FromRepository()));

    [Fact]
    public void The_silos_shutdown_timeout_is_read_from_the_silo_itself() =>
        Assert.Equal(TimeSpan.FromSeconds(90), SiloPodCheck.SiloShutdownTimeout());

    [Theory]
    [InlineData("silo.yaml", "      terminationGracePeriodSeconds: 120", "      terminationGracePeriodSeconds: 90", "must exceed the silo's shutdown timeout")]
    [InlineData("silo.yaml", "        orleans/clusterId: shop", "        orleans/clusterId: shop-2", "pod label orleans/clusterId must be the cluster id 'shop'")]
    [InlineData("shop-config.yaml", "Shop__Cluster__ClusterId: shop", "Shop__Cluster__ClusterId: store", "pod label orleans/serviceId must be the cluster id 'store'")]
    [InlineData("silo.yaml", "                  fieldPath: status.podIP", "                  fieldPath: status.hostIP", "POD_IP must come from the downward API field status.podIP")]
    [InlineData("silo-rbac.yaml", "verbs: [get, list, watch, patch, delete]", "verbs: [get, list, watch, delete]", "may not patch pods")]
    [InlineData("silo-rbac.yaml", "verbs: [get, list, watch, patch, delete]", "verbs: [get, list, watch, patch]", "may not delete pods")]
    [InlineData("silo-rbac.yaml", "    name: shop-silo\nroleRef", "    name: default\nroleRef", "may not get pods")]
    [InlineData("shop-config.yaml", "Shop__Kubernetes__Enabled: \"true\"", "Shop__Kubernetes__Enabled: \"false\"", "Shop__Kubernetes__Enabled is not true")]
    public void A_silo_pod_Orleans_hosting_cannot_work_with_is_reported(string file, string oldText, string newText, string expected) =>
        Assert.Contains(SiloPodCheck.Problems(Manifests.Edited(file, oldText, newText)), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Without_deleting_dead_silos_pods_the_delete_verb_is_not_needed()
    {
        var manifests = Manifests.Load(new Dictionary<string, string>(Manifests.FromRepository().Files)
        {
            ["shop-config.yaml"] = Manifests.FromRepository().Files["shop-config.yaml"].Replace("  Shop__Kubernetes__Enabled: \"true\"", "  Shop__Kubernetes__Enabled: \"true\"\n  Shop__Kubernetes__DeleteDefunctSiloPods: \"false\"", StringComparison.Ordinal),
            ["silo-rbac.yaml"] = Manifests.FromRepository().Files["silo-rbac.yaml"].Replace("patch, delete]", "patch]", StringComparison.Ordinal),
        });

        Assert.Empty(SiloPodCheck.Problems(manifests));
    }
}
