using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Shop.KafkaMock;
using Shop.Providers.MySql;
using Shop.TestKit;

namespace Shop.Silo.Tests;

/// <summary>The queue behind a local cluster's streams.</summary>
public enum ClusterStreams
{
    /// <summary>Kafka: librdkafka's mock broker in the test process (or <c>SHOP_TEST_KAFKA</c>), reached over TCP.</summary>
    Kafka,

    /// <summary>Orleans' ADO.NET streams in the cluster's MariaDB database.</summary>
    Database,
}

/// <summary>
/// A cluster the way an operator runs one on a machine: silo processes and gateway processes (Orleans clients) on one
/// fresh MariaDB database, streams on Kafka or the database, each process on ports of its own and configured only
/// through environment variables. The test's own Orleans client sees the cluster through the membership table.
/// Every process is killed when the cluster is disposed.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    public const string AdminEmail = "admin@cluster.test";
    public const string AdminPassword = "cluster-admin-password";

    // The test's client learns soon of silos that joined, and stops sending through ones that left.
    private static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(2);

    // Generous: it bounds a broken start, it does not measure a healthy one.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);

    private readonly MySqlTestDatabase _database;
    private readonly TestKafkaBroker? _kafka;
    private readonly string _clusterId = "shop-test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string? _topicPrefix;
    private readonly List<HostProcess> _silos = [];
    private readonly List<HostProcess> _gateways = [];
    private readonly List<HostProcess> _everyProcess = [];
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(10) };
    private IHost? _client;

    private LocalCluster(MySqlTestDatabase database, TestKafkaBroker? kafka, string? topicPrefix)
    {
        _database = database;
        _kafka = kafka;
        _topicPrefix = topicPrefix;
    }

    /// <summary>The silo processes, by position; <see cref="RestartSilo"/> puts a new process in the same place.</summary>
    public IReadOnlyList<HostProcess> Silos => _silos;

    public IReadOnlyList<HostProcess> Gateways => _gateways;

    /// <summary>The test's own Orleans client (grain calls, and the management grain's view of the cluster).</summary>
    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public IManagementGrain Management => Client.GetGrain<IManagementGrain>(0);

    /// <summary>
    /// Starts <paramref name="silos"/> silo processes and <paramref name="gateways"/> gateway processes and waits until
    /// each is ready and every silo is Active in the membership table. <paramref name="settings"/> go to every process,
    /// <paramref name="siloSettings"/> (by silo index) to one silo on top.
    /// </summary>
    public static async Task<LocalCluster> StartAsync(
        ClusterStreams streams,
        int silos,
        int gateways,
        IReadOnlyDictionary<string, string>? settings = null,
        Func<int, IReadOnlyDictionary<string, string>?>? siloSettings = null)
    {
        var database = await MySqlTestDatabase.CreateAsync();
        TestKafkaBroker? kafka = null;
        string? prefix = null;
        if (streams == ClusterStreams.Kafka)
        {
            prefix = TestKafkaBroker.UniqueTopicPrefix();
            kafka = TestKafkaBroker.Start(Shop.Grains.Interfaces.EventStreams.All.ToDictionary(n => prefix + n, _ => 8));
        }

        var cluster = new LocalCluster(database, kafka, prefix);
        try
        {
            for (var i = 0; i < silos; i++)
            {
                var ports = FreePorts.Take(3);
                cluster.StartSilo(i, ports[0], ports[1], ports[2], settings, siloSettings?.Invoke(i));
            }

            for (var i = 0; i < gateways; i++)
            {
                var environment = cluster.SharedEnvironment(settings);
                var gateway = HostProcess.Start($"gateway-{i}", BuiltHost.Gateway, $"http://127.0.0.1:{FreePorts.Take(1)[0]}", environment);
                cluster._gateways.Add(gateway);
                cluster._everyProcess.Add(gateway);
            }

            foreach (var process in cluster._everyProcess)
            {
                await cluster.WaitReadyAsync(process);
            }

            cluster._client = await MySqlClusterClient.StartAsync(database.ConnectionString, cluster._clusterId, GatewayListRefreshPeriod);
            await cluster.WaitActiveSilosAsync(silos);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the silo at <paramref name="index"/> again, on its ports and settings, once its process has ended.</summary>
    public HostProcess RestartSilo(int index)
    {
        var old = _silos[index];
        if (!old.HasExited)
        {
            throw new InvalidOperationException($"{old.Name} is still running.");
        }

        var silo = HostProcess.Start(old.Name, BuiltHost.Silo, old.HttpUrl, old.Settings);
        _silos[index] = silo;
        _everyProcess.Add(silo);
        return silo;
    }

    /// <summary>
    /// An Orleans client that reaches the cluster only through <paramref name="silo"/>'s client gateway, whatever the
    /// membership table says: what a client still connected to a silo that the others declared dead sees.
    /// </summary>
    public async Task<IHost> ClientThroughAsync(HostProcess silo)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(c =>
        {
            c.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, int.Parse(silo.Settings["Shop__Cluster__GatewayPort"])));
            c.Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = _clusterId);
            c.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(20));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>A new Orleans client of the cluster, which finds the gateways of the silos that are Active now.</summary>
    public Task<IHost> ClientOfTheLiveSilosAsync() => MySqlClusterClient.StartAsync(_database.ConnectionString, _clusterId, GatewayListRefreshPeriod);

    /// <summary>The silo's address in the cluster, found by its silo-to-silo port.</summary>
    public Task<SiloAddress> AddressOfAsync(HostProcess silo) => Management.AddressOfAsync(silo);

    /// <summary>Which silo holds each active grain of <paramref name="grainType"/> (e.g. <c>sku</c>), by key.</summary>
    public Task<Dictionary<string, SiloAddress>> PlacementAsync(string grainType) => Management.PlacementAsync(grainType);

    public Task WaitActiveSilosAsync(int count) =>
        Eventually.HoldsAsync($"{count} silos are Active", StartDeadline, async () => (await Management.GetHosts(onlyActive: true)).Count == count, Diagnostics);

    public async Task WaitReadyAsync(HostProcess process) =>
        await Eventually.HoldsAsync($"{process.Name} is ready", StartDeadline, () => process.IsReadyAsync(_probe), Diagnostics);

    /// <summary>The last lines of every process this cluster started, for a failure message.</summary>
    public string Diagnostics() => string.Join(Environment.NewLine, _everyProcess.Select(p => p.ToString()));

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopQuietlyAsync();
        }

        _everyProcess.ForEach(p => p.Dispose());
        _kafka?.Dispose();
        _probe.Dispose();
        await _database.DisposeAsync();
    }

    private void StartSilo(int index, int siloPort, int gatewayPort, int httpPort, IReadOnlyDictionary<string, string>? settings, IReadOnlyDictionary<string, string>? ownSettings)
    {
        var environment = SharedEnvironment(settings);
        foreach (var (key, value) in ownSettings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        environment["Shop__Cluster__SiloPort"] = siloPort.ToString();
        environment["Shop__Cluster__GatewayPort"] = gatewayPort.ToString();
        // As on Kubernetes: the silos serve no API, the gateway processes do.
        environment["Shop__Gateway__Enabled"] = "false";
        var silo = HostProcess.Start($"silo-{index}", BuiltHost.Silo, $"http://127.0.0.1:{httpPort}", environment);
        _silos.Add(silo);
        _everyProcess.Add(silo);
    }

    private Dictionary<string, string> SharedEnvironment(IReadOnlyDictionary<string, string>? settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["Shop__Storage__Provider"] = "MySql",
            ["Shop__Storage__ConnectionString"] = _database.ConnectionString,
            ["Shop__Cluster__ClusterId"] = _clusterId,
            ["Shop__Admin__Email"] = AdminEmail,
            ["Shop__Admin__Password"] = AdminPassword,
            ["Shop__Users__PasswordIterations"] = "100000",
            // The tests' buyers order far faster than a person; the limiter is not what they test.
            ["Shop__Gateway__OrdersPerMinute"] = "100000",
            ["Shop__Gateway__AnonymousPerMinute"] = "100000",
        };
        if (_kafka is not null)
        {
            environment["Shop__Streams__Provider"] = "Kafka";
            environment["Shop__Streams__Kafka__BootstrapServers"] = _kafka.BootstrapServers;
            environment["Shop__Streams__Kafka__TopicPrefix"] = _topicPrefix!;
            environment["Shop__Streams__Kafka__CreateTopics"] = "false";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }
}
