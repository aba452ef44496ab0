using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Streams;
using Orleans.TestingHost;
using Shop.Providers.Sqlite.Streams;
using Shop.Streaming;
using Shop.StreamingProbes;
using Shop.TestKit;

namespace Shop.Providers.Sqlite.Tests.Streams;

/// <summary>The SQLite queue stream provider end to end, on in-process Orleans test clusters over one database file.</summary>
public sealed class SqliteStreamProviderTests : IDisposable
{
    private const string DataDirectoryKey = "ShopTests:StreamsDataDirectory";
    private const string AgentsStoppedKey = "ShopTests:StreamAgentsStopped";
    private const int QueueCount = 4;
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly string _dataDirectory = TempDirectory.Create("streams-sqlite");

    public void Dispose() => TempDirectory.Delete(_dataDirectory);

    [Fact]
    public async Task Events_of_each_stream_arrive_in_order_with_many_streams_over_several_queues()
    {
        var keys = KeysOverQueues(8, minQueues: 3);
        await using var cluster = await StartClusterAsync();

        await Task.WhenAll(keys.Select(key => Producer(cluster, key).PublishAsync(StreamRecorderGrain.Namespace, key, 1, 10)));

        foreach (var key in keys)
        {
            await WaitUntilAsync(() => StreamRecorderGrain.Of(key).Length >= 10);
            Assert.Equal(Enumerable.Range(1, 10).Select(v => (long)v), StreamRecorderGrain.Of(key));
        }

        await cluster.StopAllSilosAsync();
    }

    [Fact]
    public async Task Events_enqueued_before_a_restart_and_never_consumed_are_delivered_by_the_next_cluster()
    {
        var keys = KeysOverQueues(4, minQueues: 2);
        await using (var first = await StartClusterAsync(agentsStopped: true))
        {
            await Task.WhenAll(keys.Select(key => Producer(first, key).PublishAsync(StreamRecorderGrain.Namespace, key, 1, 5)));
            await first.StopAllSilosAsync();
        }

        Assert.All(keys, key => Assert.Empty(StreamRecorderGrain.Of(key)));
        Assert.Equal(20L, CountRows());

        await using var second = await StartClusterAsync();
        foreach (var key in keys)
        {
            await WaitUntilAsync(() => StreamRecorderGrain.Of(key).Distinct().Count() >= 5);
            Assert.Equal(Enumerable.Range(1, 5).Select(v => (long)v), StreamRecorderGrain.Of(key).Distinct());
        }

        await second.StopAllSilosAsync();
    }

    [Fact]
    public async Task A_cluster_stopped_while_consuming_loses_nothing_the_next_cluster_delivers_the_rest_at_least_once()
    {
        var keys = KeysOverQueues(2, minQueues: 2);
        const int count = 40;
        await using (var first = await StartClusterAsync())
        {
            var publishing = keys.Select(key => Producer(first, key).PublishAsync(StreamRecorderGrain.Namespace, key, 1, count)).ToArray();
            await WaitUntilAsync(() => keys.Any(key => StreamRecorderGrain.Of(key).Length > 0));
            await Task.WhenAll(publishing);
            await first.StopAllSilosAsync();
        }

        await using var second = await StartClusterAsync();
        foreach (var key in keys)
        {
            await WaitUntilAsync(() => StreamRecorderGrain.Of(key).Distinct().Count() >= count);
            // Redelivered events may repeat, but every one arrives and their first arrivals keep the stream's order.
            Assert.Equal(Enumerable.Range(1, count).Select(v => (long)v), StreamRecorderGrain.Of(key).Distinct());
        }

        await second.StopAllSilosAsync();
    }

    [Fact]
    public async Task An_unreadable_message_is_dead_lettered_and_the_messages_after_it_are_still_delivered()
    {
        var key = $"poison-{Guid.NewGuid():N}";
        await using var cluster = await StartClusterAsync();
        var producer = Producer(cluster, key);
        await producer.PublishAsync(StreamRecorderGrain.Namespace, key, 1, 3);
        await WaitUntilAsync(() => StreamRecorderGrain.Of(key).Length >= 3);

        var queue = QueueOf(key);
        var poisonSeq = InsertRaw(queue, key, [0xDE, 0xAD, 0xBE, 0xEF]);
        await producer.PublishAsync(StreamRecorderGrain.Namespace, key, 4, 3);

        await WaitUntilAsync(() => StreamRecorderGrain.Of(key).Length >= 6);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], StreamRecorderGrain.Of(key));
        await WaitUntilAsync(() => InMemoryDeadLetterStore.Instance.All.Any(l => l.StreamKey == key));
        var letter = Assert.Single(InMemoryDeadLetterStore.Instance.All, l => l.StreamKey == key);
        Assert.True(letter.PayloadIsRaw);
        Assert.Equal([0xDE, 0xAD, 0xBE, 0xEF], letter.Payload);
        Assert.Equal($"sqlite-queue:{queue}@{poisonSeq}", letter.Consumer);
        Assert.Equal(StreamNames.Provider, letter.StreamProvider);
        Assert.Equal(StreamRecorderGrain.Namespace, letter.StreamNamespace);
        Assert.Equal("poison-event", letter.EventId);
        Assert.False(string.IsNullOrWhiteSpace(letter.Error));
        // Skipped means gone from the queue, not retried forever.
        await WaitUntilAsync(() => CountRows($"seq = {poisonSeq}") == 0);

        await cluster.StopAllSilosAsync();
    }

    [Fact]
    public void Registration_adds_the_store_and_the_named_options_with_their_defaults()
    {
        var services = new ServiceCollection();
        new TestSiloBuilder(services).AddSqliteStreams("q", o => o.BatchSize = 7);
        using var provider = services.AddLogging().BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SqliteStreamOptions>>().Get("q");
        Assert.Equal((4, TimeSpan.FromMilliseconds(100), 7, 4096), (options.QueueCount, options.PollInterval, options.BatchSize, options.CacheSize));
        Assert.Single(services, d => d.ServiceType == typeof(SqliteStore));
    }

    private static IStreamPublisherGrain Producer(TestCluster cluster, string key) => cluster.GrainFactory.GetGrain<IStreamPublisherGrain>(key);

    private static uint QueueOf(string key)
        => new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = QueueCount }, StreamNames.Provider)
            .GetQueueForStream(StreamId.Create(StreamRecorderGrain.Namespace, key)).GetNumericId();

    /// <summary>Fresh stream keys that together land on at least <paramref name="minQueues"/> queues.</summary>
    private static List<string> KeysOverQueues(int count, int minQueues)
    {
        while (true)
        {
            var keys = Enumerable.Range(0, count).Select(i => $"s{i}-{Guid.NewGuid():N}").ToList();
            if (keys.Select(QueueOf).Distinct().Count() >= minQueues)
            {
                return keys;
            }
        }
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_dataDirectory, "shop.db"),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    private long CountRows(string where = "1 = 1")
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM stream_messages WHERE provider = '{StreamNames.Provider}' AND {where};";
        return (long)command.ExecuteScalar()!;
    }

    private long InsertRaw(uint queue, string key, byte[] payload)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO stream_messages (provider, queue_id, stream_namespace, stream_key, event_id, event_type, payload, enqueued_at)
            VALUES ($provider, $queue, $namespace, $key, 'poison-event', 'Garbage', $payload, 0)
            RETURNING seq;
            """;
        command.Parameters.AddWithValue("$provider", StreamNames.Provider);
        command.Parameters.AddWithValue("$queue", (long)queue);
        command.Parameters.AddWithValue("$namespace", StreamRecorderGrain.Namespace);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$payload", payload);
        return (long)command.ExecuteScalar()!;
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

    private async Task<TestCluster> StartClusterAsync(bool agentsStopped = false)
    {
        var builder = new TestClusterBuilder(1);
        builder.Properties[DataDirectoryKey] = _dataDirectory;
        builder.Properties[AgentsStoppedKey] = agentsStopped ? "true" : "false";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var dataDirectory = siloBuilder.Configuration[DataDirectoryKey] ?? throw new InvalidOperationException($"{DataDirectoryKey} is not set.");
            siloBuilder.AddSqliteStorage(o => o.DataDirectory = dataDirectory);
            siloBuilder.AddMemoryGrainStorage("PubSubStore");
            siloBuilder.AddSqliteStreams(StreamNames.Provider, o =>
            {
                o.QueueCount = QueueCount;
                o.PollInterval = TimeSpan.FromMilliseconds(50);
            });
            siloBuilder.Services.AddSingleton<IDeadLetterStore>(InMemoryDeadLetterStore.Instance);
            if (siloBuilder.Configuration[AgentsStoppedKey] == "true")
            {
                // Producers enqueue, but no pulling agent reads: everything stays in the table for the next cluster.
                siloBuilder.Services.Configure<StreamLifecycleOptions>(StreamNames.Provider, o => o.StartupState = StreamLifecycleOptions.RunState.AgentsStopped);
            }
        }
    }
}
