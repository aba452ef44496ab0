using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Shop.Providers.MySql.Streams;
using Shop.Streaming;
using Shop.StreamingProbes;
using Shop.TestKit;

namespace Shop.Providers.MySql.Tests.Streams;

/// <summary>Orleans' ADO.NET stream provider on our MySQL-006 schema, end to end with in-process silos (and a client).</summary>
public sealed class MySqlStreamProviderTests : IAsyncLifetime
{
    private const string ClusterId = "streams-test";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private MySqlTestDatabase? _database;

    private MySqlTestDatabase Database => _database!;

    public async Task InitializeAsync() => _database = await MySqlTestDatabase.CreateWithSchemaAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [Fact]
    public async Task Events_of_each_stream_arrive_in_order_with_many_streams_over_several_queues()
    {
        var keys = Enumerable.Range(0, 6).Select(i => $"s{i}-{Guid.NewGuid():N}").ToList();
        using var silo = await StartSiloAsync();
        var grains = silo.Services.GetRequiredService<IGrainFactory>();

        await Task.WhenAll(keys.Select(key => grains.GetGrain<IStreamPublisherGrain>(key).PublishAsync(StreamRecorderGrain.Namespace, key, 1, 8)));

        foreach (var key in keys)
        {
            await WaitUntilAsync(() => StreamRecorderGrain.Of(key).Length >= 8);
            Assert.Equal(Enumerable.Range(1, 8).Select(v => (long)v), StreamRecorderGrain.Of(key));
        }

        Assert.True((await Database.QueryAsync<long>("SELECT COUNT(DISTINCT QueueId) FROM OrleansStreamControl"))[0] >= 2);
        await silo.StopAsync();
    }

    [Fact]
    public async Task Events_enqueued_before_a_restart_and_never_consumed_are_delivered_by_the_next_silo()
    {
        var keys = Enumerable.Range(0, 3).Select(i => $"r{i}-{Guid.NewGuid():N}").ToList();
        using (var first = await StartSiloAsync(agentsStopped: true))
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            await Task.WhenAll(keys.Select(key => grains.GetGrain<IStreamPublisherGrain>(key).PublishAsync(StreamRecorderGrain.Namespace, key, 1, 5)));
            await first.StopAsync();
        }

        Assert.Equal([15L], await Database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansStreamMessage"));
        Assert.All(keys, key => Assert.Empty(StreamRecorderGrain.Of(key)));

        using var second = await StartSiloAsync();
        foreach (var key in keys)
        {
            await WaitUntilAsync(() => StreamRecorderGrain.Of(key).Distinct().Count() >= 5);
            Assert.Equal(Enumerable.Range(1, 5).Select(v => (long)v), StreamRecorderGrain.Of(key).Distinct());
        }

        await second.StopAsync();
    }

    [Fact]
    public async Task A_silo_stopped_while_consuming_loses_nothing_the_next_silo_delivers_the_rest_at_least_once()
    {
        var keys = Enumerable.Range(0, 2).Select(i => $"c{i}-{Guid.NewGuid():N}").ToList();
        const int count = 30;
        using (var first = await StartSiloAsync())
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            var publishing = keys.Select(key => grains.GetGrain<IStreamPublisherGrain>(key).PublishAsync(StreamRecorderGrain.Namespace, key, 1, count)).ToArray();
            await WaitUntilAsync(() => keys.Any(key => StreamRecorderGrain.Of(key).Length > 0));
            await Task.WhenAll(publishing);
            await first.StopAsync();
        }

        using var second = await StartSiloAsync();
        foreach (var key in keys)
        {
            await WaitUntilAsync(() => StreamRecorderGrain.Of(key).Distinct().Count() >= count);
            Assert.Equal(Enumerable.Range(1, count).Select(v => (long)v), StreamRecorderGrain.Of(key).Distinct());
        }

        await second.StopAsync();
    }

    [Fact]
    public async Task A_client_registered_with_AddMySqlStreams_publishes_events_the_silo_delivers()
    {
        var key = $"client-{Guid.NewGuid():N}";
        var gatewayPort = FreePorts.Next();
        using var silo = await StartSiloAsync(gatewayPort: gatewayPort);
        var connectionString = Database.ConnectionString;
        using var client = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleansClient(c =>
            {
                c.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
                c.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
                c.AddMySqlStreams(StreamNames.Provider, connectionString, o => o.QueueCount = 4);
            })
            .Build();
        await client.StartAsync();

        var stream = client.Services.GetRequiredService<IClusterClient>().GetStreamProvider(StreamNames.Provider)
            .GetStream<StreamEvent>(StreamId.Create(StreamRecorderGrain.Namespace, key));
        for (var version = 1; version <= 3; version++)
        {
            await stream.OnNextAsync(new StreamEvent(StreamEvent.IdOf("client", version), "client", version, DateTimeOffset.UtcNow, "from the gateway"));
        }

        await WaitUntilAsync(() => StreamRecorderGrain.Of(key).Length >= 3);
        Assert.Equal([1L, 2L, 3L], StreamRecorderGrain.Of(key));
        await client.StopAsync();
        await silo.StopAsync();
    }

    private async Task<IHost> StartSiloAsync(bool agentsStopped = false, int? gatewayPort = null)
    {
        var siloPort = FreePorts.Next();
        var gateway = gatewayPort ?? FreePorts.Next();
        var connectionString = Database.ConnectionString;
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
                silo.UseLocalhostClustering(siloPort, gateway, serviceId: ClusterId, clusterId: ClusterId);
                silo.AddMemoryGrainStorage("PubSubStore");
                silo.AddMySqlStreams(StreamNames.Provider, connectionString, o =>
                {
                    o.QueueCount = 4;
                    o.PollInterval = TimeSpan.FromMilliseconds(50);
                });
                if (agentsStopped)
                {
                    silo.Services.Configure<StreamLifecycleOptions>(StreamNames.Provider, o => o.StartupState = StreamLifecycleOptions.RunState.AgentsStopped);
                }
            })
            .Build();
        await host.StartAsync();
        return host;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Condition not met within {WaitLimit}.");
            }

            await Task.Delay(50);
        }
    }
}
