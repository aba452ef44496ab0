namespace Shop.Deployment.Tests;

/// <summary>
/// The manifests of k8s/ as they are pass every check; and every check, given the manifests with one thing broken,
/// reports it (so none of them passes whatever the manifests say).
/// </summary>
public sealed class ManifestTests
{
    private static readonly Manifests Repository = Manifests.FromRepository();

    [Fact]
    public void Every_manifest_reads_strictly_into_the_Kubernetes_models()
    {
        Assert.NotEmpty(Repository.Objects);
        Assert.All(Repository.Objects, o => Assert.StartsWith("k8s.Models.V", o.Object.GetType().FullName));
    }

    [Fact]
    public void A_field_the_schema_does_not_have_is_an_error()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Manifests.Edited("silo.yaml", "      serviceAccountName: shop-silo", "      serviceAccountName: shop-silo\n      serviceAcountName: shop-silo"));

        Assert.Contains("silo.yaml", exception.Message);
    }

    [Fact]
    public void A_misspelt_kustomization_field_is_an_error()
    {
        Assert.ThrowsAny<Exception>(() => Manifests.Edited("kustomization.yaml", "resources:", "resource:"));
    }

    [Fact]
    public void The_kustomization_lists_every_manifest_and_only_those() => Assert.Empty(ResourceListCheck.Problems(Repository));

    [Theory]
    [InlineData("  - kafka-pdb.yaml\n", "", "k8s/kafka-pdb.yaml is not listed")]
    [InlineData("  - kafka-pdb.yaml\n", "  - kafka-pdb.yaml\n  - zookeeper.yaml\n", "lists zookeeper.yaml, which is not in k8s/")]
    public void An_unlisted_or_missing_manifest_is_reported(string oldText, string newText, string expected) =>
        Assert.Contains(ResourceListCheck.Problems(Manifests.Edited("kustomization.yaml", oldText, newText)), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Every_object_has_the_fields_the_API_server_requires() => Assert.Empty(RequiredFieldsCheck.Problems(Repository));

    [Theory]
    [InlineData("gateway.yaml", "          image: shop-gateway\n", "", "containers[].name and image")]
    [InlineData("kafka-pdb.yaml", "  maxUnavailable: 1\n", "", "exactly one of spec.minAvailable")]
    [InlineData("mariadb.yaml", "  serviceName: mariadb\n", "", "spec.serviceName")]
    [InlineData("gateway.yaml", "              memory: 512Mi\n", "", "resources.requests and limits")]
    public void A_missing_required_field_is_reported(string file, string oldText, string newText, string expected) =>
        Assert.Contains(RequiredFieldsCheck.Problems(Manifests.Edited(file, oldText, newText)), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Container_ports_and_probes_match_what_the_processes_listen_on() => Assert.Empty(ProcessPortsCheck.Problems(Repository));

    [Theory]
    [InlineData("silo.yaml", "              containerPort: 11111", "              containerPort: 11112", "no containerPort 11111 for Shop:Cluster:SiloPort")]
    [InlineData("shop-config.yaml", "Shop__Cluster__GatewayPort: \"30000\"", "Shop__Cluster__GatewayPort: \"30001\"", "no containerPort 30001 for Shop:Cluster:GatewayPort")]
    [InlineData("gateway.yaml", "              value: http://+:8080", "              value: http://+:8081", "no containerPort 8081 for HTTP")]
    [InlineData("gateway.yaml", "            - name: ASPNETCORE_URLS\n              value: http://+:8080", "            - name: ASPNETCORE_HTTP_PORTS\n              value: \"8080\"", "ASPNETCORE_URLS must name the HTTP port")]
    [InlineData("silo.yaml", "              value: http://+:8080", "              value: http://localhost:8080", "ASPNETCORE_URLS must name the HTTP port")]
    [InlineData("gateway.yaml", "              path: /health/ready", "              path: /health/live", "readinessProbe must GET /health/ready")]
    [InlineData("silo.yaml", "              path: /health/ready\n              port: http", "              path: /health/ready\n              port: silo", "readinessProbe must GET /health/ready on the HTTP port")]
    public void A_port_or_probe_that_misses_the_process_is_reported(string file, string oldText, string newText, string expected) =>
        Assert.Contains(ProcessPortsCheck.Problems(Manifests.Edited(file, oldText, newText)), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Every_reference_to_a_Secret_ConfigMap_account_or_variable_resolves() => Assert.Empty(ReferencesCheck.Problems(Repository));

    [Theory]
    [InlineData("gateway.yaml", "                  key: signing-key", "                  key: signing_key", "reads key signing_key of Secret shop-admin")]
    [InlineData("silo.yaml", "                  name: shop-admin", "                  name: shop-admins", "of Secret shop-admins")]
    [InlineData("mariadb.yaml", "            name: mariadb-init", "            name: mariadb-initdb", "ConfigMap mariadb-initdb")]
    [InlineData("gateway.yaml", "                name: shop-common", "                name: shop-commons", "envFrom ConfigMap shop-commons")]
    [InlineData("silo.yaml", "Password=$(SHOP_DB_PASSWORD)", "Password=$(SHOP_DB_PASS)", "$(SHOP_DB_PASS), which is not defined")]
    [InlineData("silo.yaml", "      serviceAccountName: shop-silo", "      serviceAccountName: shop", "ServiceAccount shop is not defined")]
    public void A_dangling_reference_is_reported(string file, string oldText, string newText, string expected) =>
        Assert.Contains(ReferencesCheck.Problems(Manifests.Edited(file, oldText, newText)), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Selectors_select_the_pods_they_are_meant_to() => Assert.Empty(SelectorsCheck.Problems(Repository));

    [Theory]
    [InlineData("gateway-service.yaml", "    app.kubernetes.io/name: shop-gateway", "    app.kubernetes.io/name: gateway", "Service/shop-gateway: its selector matches no pod template")]
    [InlineData("gateway-service.yaml", "      targetPort: http", "      targetPort: web", "targetPort web is not a port of Deployment/shop-gateway")]
    [InlineData("silo-pdb.yaml", "      app.kubernetes.io/name: shop-silo", "      app.kubernetes.io/name: silo", "PodDisruptionBudget/shop-silo")]
    [InlineData("gateway-hpa.yaml", "    name: shop-gateway", "    name: gateway", "HorizontalPodAutoscaler/shop-gateway")]
    [InlineData("kafka-service.yaml", "  clusterIP: None\n", "", "serviceName kafka-headless is not a headless Service")]
    public void A_selector_that_selects_nothing_is_reported(string file, string oldText, string newText, string expected) =>
        Assert.Contains(SelectorsCheck.Problems(Manifests.Edited(file, oldText, newText)), p => p.Contains(expected, StringComparison.Ordinal));
}
