namespace Shop.Deployment.Tests;

/// <summary>
/// The configuration k8s/ gives the silos and gateways is what they read: every <c>Shop__*</c> variable binds into the
/// processes' own options classes, and the whole of it passes their start-up validation.
/// </summary>
public sealed class ProcessConfigurationTests
{
    [Theory]
    [InlineData(ProcessConfiguration.SiloImage)]
    [InlineData(ProcessConfiguration.GatewayImage)]
    public void Every_Shop_variable_of_the_manifests_is_read_and_valid(string image)
    {
        var manifests = Manifests.FromRepository();
        var containers = manifests.ContainersOf(image).ToList();

        Assert.NotEmpty(containers);
        Assert.All(containers, c => Assert.Empty(ProcessConfiguration.Problems(image, PodEnvironment.Of(c.Container, manifests))));
    }

    [Fact]
    public void The_environment_is_resolved_as_the_kubelet_does_with_ConfigMaps_Secrets_and_expansions()
    {
        var manifests = Manifests.FromRepository();
        var environment = PodEnvironment.Of(manifests.ContainersOf(ProcessConfiguration.SiloImage).Single().Container, manifests);

        Assert.Equal("MySql", environment["Shop__Storage__Provider"]);
        Assert.Contains("Password=0123456789abcdef0123456789abcdef;", environment["Shop__Storage__ConnectionString"]);
        Assert.Equal("10.244.1.17", environment["POD_IP"]);
    }

    [Theory]
    [InlineData(ProcessConfiguration.SiloImage, "Shop__Cluster__SiloPrt", "Shop__Cluster__SiloPrt is read by none")]
    [InlineData(ProcessConfiguration.SiloImage, "Shop__Streams__Kafka__Brokers", "Shop__Streams__Kafka__Brokers is read by none")]
    [InlineData(ProcessConfiguration.SiloImage, "Shop__Auth__TokenLifetime", "Shop__Auth__TokenLifetime is read by none")]
    [InlineData(ProcessConfiguration.SiloImage, "Shop__Faults__KillAt", "test-only fault injection")]
    [InlineData(ProcessConfiguration.GatewayImage, "Shop__Admin__Email", "Shop__Admin__Email is read by none")]
    [InlineData(ProcessConfiguration.GatewayImage, "Shop__Gateway__Enabled", "Shop__Gateway__Enabled is read by none")]
    public void A_variable_no_options_class_of_the_process_reads_is_reported(string image, string variable, string expected)
    {
        var environment = Environment(image, (variable, variable.EndsWith("KillAt", StringComparison.Ordinal) ? "Reserved" : "01:00:00"));

        Assert.Contains(ProcessConfiguration.Problems(image, environment), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ProcessConfiguration.SiloImage, "Shop__Storage__Provider", "Sqlite", "Shop:Storage:Provider")]
    [InlineData(ProcessConfiguration.SiloImage, "Shop__Streams__Kafka__BootstrapServers", "", "Shop:Streams:Kafka:BootstrapServers")]
    [InlineData(ProcessConfiguration.SiloImage, "POD_IP", "", "POD_IP")]
    [InlineData(ProcessConfiguration.GatewayImage, "Shop__Auth__SigningKey", "c2hvcnQ=", "Shop:Auth:SigningKey")]
    [InlineData(ProcessConfiguration.GatewayImage, "Shop__Storage__ConnectionString", "", "Shop:Storage:ConnectionString")]
    public void A_value_the_process_refuses_at_start_is_reported(string image, string variable, string value, string named) =>
        Assert.Contains(ProcessConfiguration.Problems(image, Environment(image, (variable, value))), p => p.Contains(named, StringComparison.Ordinal));

    /// <summary>The environment of the image's container in k8s/, with one variable set or replaced.</summary>
    private static Dictionary<string, string> Environment(string image, (string Name, string Value) change)
    {
        var manifests = Manifests.FromRepository();
        var environment = new Dictionary<string, string>(PodEnvironment.Of(manifests.ContainersOf(image).First().Container, manifests))
        {
            [change.Name] = change.Value,
        };
        return environment;
    }
}
