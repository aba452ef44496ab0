using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.KafkaMock;
using Shop.TestKit;

namespace Shop.Silo.Tests;

/// <summary>The silo host on its embedded default (a real SQLite file in a temporary data directory), in process.</summary>
public sealed class SiloHostTests : IDisposable
{
    private readonly string _dataDirectory = TempDirectory.Create("silo-host");
    private readonly WebApplicationFactory<Program> _factory;

    public SiloHostTests() => _factory = EmbeddedSilo();

    [Fact]
    public async Task Live_and_ready_answer_200_once_the_silo_runs_on_its_database()
    {
        var client = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.NotEmpty(Directory.GetFiles(_dataDirectory, "*.db"));
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served()
    {
        var response = await _factory.CreateClient().GetAsync("/openapi/v1.json");

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task The_Orleans_dashboard_is_served_under_its_prefix_to_the_administrator_only()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/dashboard/orleans/")).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/orleans/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await AdminTokenAsync(client));
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_path_is_a_problem_with_a_stable_code()
    {
        var response = await _factory.CreateClient().GetAsync("/api/no-such-thing");

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not-found", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Without_the_co_hosted_gateway_the_silo_serves_health_but_not_the_API_nor_the_pages()
    {
        using var factory = EmbeddedSilo(("Shop:Gateway:Enabled", "false"));
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dashboard/orleans/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Theory]
    [InlineData("Shop:Storage:Provider", "MySql", "Shop:Storage:ConnectionString")]
    [InlineData("Shop:Cluster:AdvertisedAddress", "not-an-address", "Shop:Cluster:AdvertisedAddress")]
    [InlineData("Shop:Cluster:SiloPort", "70000", "Shop:Cluster:SiloPort")]
    [InlineData("Shop:Cluster:ProbeTimeout", "-00:00:01", "Shop:Cluster:ProbeTimeout")]
    [InlineData("Shop:Streams:Provider", "Kafka", "Shop:Streams:Kafka:BootstrapServers")]
    [InlineData("Shop:Streams:Provider", "Pigeons", "Shop:Streams:Provider")]
    [InlineData("Shop:Orders:PaymentHold", "00:00:00", "Shop:Orders:PaymentHold")]
    [InlineData("Shop:Payments:MaxChargeAttempts", "0", "Shop:Payments:MaxChargeAttempts")]
    [InlineData("Shop:Users:PasswordIterations", "1000", "Shop:Users:PasswordIterations")]
    [InlineData("Shop:Catalog:AvailabilityFreshness", "-00:00:01", "Shop:Catalog:AvailabilityFreshness")]
    [InlineData("Shop:Operations:ReportInterval", "00:00:00", "Shop:Operations:ReportInterval")]
    public void Bad_configuration_is_a_clear_startup_error(string key, string value, string named)
    {
        using var factory = EmbeddedSilo((key, value));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, exception.ToString());
    }

    [Fact]
    public async Task With_Kafka_streams_the_silo_starts_on_the_broker_and_is_ready()
    {
        // The mock, or the real broker of SHOP_TEST_KAFKA: topics of this run's own (every namespace the grains
        // publish on is always carried, plus one configured namespace), all expected to exist.
        var prefix = TestKafkaBroker.UniqueTopicPrefix();
        var ns = "probe";
        var topics = Shop.Grains.Interfaces.EventStreams.All.Append(ns).ToDictionary(n => prefix + n, _ => 2);
        using var kafka = TestKafkaBroker.Start(topics);
        using var factory = EmbeddedSilo(
            ("Shop:Streams:Provider", "Kafka"),
            ("Shop:Streams:Kafka:BootstrapServers", kafka.BootstrapServers),
            ("Shop:Streams:Kafka:Partitions", "2"),
            ("Shop:Streams:Kafka:CreateTopics", "false"),
            ("Shop:Streams:Kafka:TopicPrefix", prefix),
            ("Shop:Streams:Kafka:Namespaces:0", ns));
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private const string AdminPassword = "silo-host-admin-password";

    private static async Task<string> AdminTokenAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = "admin@shop.local", password = AdminPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public void Dispose()
    {
        _factory.Dispose();
        TempDirectory.Delete(_dataDirectory);
    }

    // Ports of its own: test classes run in parallel, and a developer's silo may hold the defaults.
    private WebApplicationFactory<Program> EmbeddedSilo(params (string Key, string Value)[] settings)
    {
        var ports = FreePorts.Take(2);
        return new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Shop:DataDirectory", _dataDirectory);
            b.UseSetting("Shop:Admin:Password", AdminPassword);
            b.UseSetting("Shop:Cluster:SiloPort", ports[0].ToString());
            b.UseSetting("Shop:Cluster:GatewayPort", ports[1].ToString());
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
    }
}
