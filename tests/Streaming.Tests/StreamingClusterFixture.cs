using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Shop.Journaling;
using Shop.KafkaMock;
using Shop.Providers.MySql;
using Shop.StreamingProbes;
using Shop.TestKit;

namespace Shop.Streaming.Tests;

/// <summary>
/// One in-process silo on a <see cref="StreamingCombination"/>, with its database (and Kafka broker: the mock, or the
/// real one of <c>SHOP_TEST_KAFKA</c>, with a topic prefix of its own).
/// </summary>
public abstract class StreamingClusterFixture(StreamingCombination combination, short silos = 1) : IAsyncLifetime
{
    private string? _directory;
    private MySqlTestDatabase? _database;
    private readonly string _kafkaTopicPrefix = TestKafkaBroker.UniqueTopicPrefix("streamingtests");
    private TestKafkaBroker? _kafka;

    public StreamingCombination Combination => combination;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public IJournalStorage Journals => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredService<IJournalStorage>();

    public IDeadLetterStore DeadLetters => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredService<IDeadLetterStore>();

    public async Task InitializeAsync()
    {
        string location;
        if (combination == StreamingCombination.SqliteQueue)
        {
            location = _directory = TempDirectory.Create("streaming");
        }
        else
        {
            _database = await MySqlTestDatabase.CreateAsync();
            location = _database.ConnectionString;
            await MySqlSchema.EnsureAsync(location);
        }

        if (combination == StreamingCombination.MySqlKafka)
        {
            _kafka = TestKafkaBroker.Start(new Dictionary<string, int> { [ProbeSilo.KafkaTopicOf(_kafkaTopicPrefix)] = ProbeSilo.KafkaPartitions });
        }

        var builder = new TestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ProbeSiloConfigurator.CombinationKey] = combination.ToString();
        builder.Properties[ProbeSiloConfigurator.LocationKey] = location;
        builder.Properties[ProbeSiloConfigurator.KafkaKey] = _kafka?.BootstrapServers;
        builder.Properties[ProbeSiloConfigurator.KafkaTopicPrefixKey] = _kafkaTopicPrefix;
        builder.AddSiloBuilderConfigurator<ProbeSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        _kafka?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_directory is not null)
        {
            TempDirectory.Delete(_directory);
        }
    }
}

public sealed class SqliteQueueCluster() : StreamingClusterFixture(StreamingCombination.SqliteQueue);

public sealed class MySqlAdoNetCluster() : StreamingClusterFixture(StreamingCombination.MySqlAdoNet);

public sealed class MySqlKafkaCluster() : StreamingClusterFixture(StreamingCombination.MySqlKafka);

/// <summary>Two silos sharing the Kafka partitions (the queue balancer gives each some).</summary>
public sealed class TwoSiloMySqlKafkaCluster() : StreamingClusterFixture(StreamingCombination.MySqlKafka, silos: 2);
