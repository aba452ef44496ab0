using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Streams;
using Shop.Journaling;
using Shop.Providers.Kafka;
using Shop.Providers.MySql;
using Shop.Providers.MySql.Streams;
using Shop.Providers.Sqlite;
using Shop.Providers.Sqlite.Streams;
using Shop.Streaming;

namespace Shop.StreamingProbes;

/// <summary>
/// A silo as the streaming tests need it, on one of the <see cref="StreamingCombination"/>s: the system's stream
/// provider, journaling with its outbox sweeper, event handling, dead letters — as src/Silo wires them, with
/// shorter delays so that tests finish quickly.
/// </summary>
public static class ProbeSilo
{
    /// <summary>Partitions of the probe topic on Kafka.</summary>
    public const int KafkaPartitions = 4;

    /// <summary>The probe namespace's topic on Kafka under the default topic prefix.</summary>
    public static string KafkaTopic => KafkaTopicOf(KafkaStreamOptions.DefaultTopicPrefix);

    /// <summary>The probe namespace's topic on Kafka under <paramref name="topicPrefix"/>.</summary>
    public static string KafkaTopicOf(string topicPrefix) => topicPrefix + ProbeProducerGrain.Namespace;

    /// <param name="location">The SQLite data directory, or the MariaDB connection string.</param>
    /// <param name="kafkaBootstrapServers">The brokers, for <see cref="StreamingCombination.MySqlKafka"/>.</param>
    /// <param name="kafkaTopicPrefix">
    /// The topic prefix on Kafka (default <see cref="KafkaStreamOptions.DefaultTopicPrefix"/>): tests give each run
    /// its own, so that runs sharing a real broker never meet.
    /// </param>
    public static ISiloBuilder AddProbeStreaming(
        this ISiloBuilder silo, StreamingCombination combination, string location, string? kafkaBootstrapServers = null, string? kafkaTopicPrefix = null)
    {
        switch (combination)
        {
            case StreamingCombination.SqliteQueue:
                silo.AddSqliteStorage(o => o.DataDirectory = location);
                silo.AddSqliteStreams(StreamNames.Provider, o => o.PollInterval = TimeSpan.FromMilliseconds(50));
                break;
            case StreamingCombination.MySqlAdoNet:
                silo.AddMySqlStorage(o => o.ConnectionString = location);
                silo.AddMySqlStreams(StreamNames.Provider, location, o =>
                {
                    o.PollInterval = TimeSpan.FromMilliseconds(50);
                    // What a killed silo had dequeued comes back only after this; at the default minute it came back just
                    // as the kill test stopped waiting (one CI run saw 36 of 75 events arrive too late). A quarter of it
                    // leaves the tests' one-minute waits a wide margin.
                    o.VisibilityTimeout = TimeSpan.FromSeconds(15);
                });
                break;
            case StreamingCombination.MySqlKafka:
                silo.AddMySqlStorage(o => o.ConnectionString = location);
                silo.AddKafkaStreams(StreamNames.Provider, o =>
                {
                    o.BootstrapServers = kafkaBootstrapServers ?? throw new ArgumentNullException(nameof(kafkaBootstrapServers));
                    o.StreamNamespaces = [ProbeProducerGrain.Namespace];
                    o.TopicPrefix = string.IsNullOrEmpty(kafkaTopicPrefix) ? KafkaStreamOptions.DefaultTopicPrefix : kafkaTopicPrefix;
                    o.PartitionsPerTopic = KafkaPartitions;
                    o.CommitInterval = TimeSpan.FromMilliseconds(200);
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(combination), combination, null);
        }

        silo.Services.Configure<StreamPubSubOptions>(StreamNames.Provider, o => o.PubSubType = StreamPubSubType.ImplicitOnly);
        silo.Services.AddSingleton<IStreamFailureHandler>(sp => sp.GetRequiredService<DeadLetterDeliveryFailureHandler>());
        silo.AddJournaling(o =>
        {
            o.OutboxSweepInterval = TimeSpan.FromMilliseconds(500);
            o.OutboxStaleAfter = TimeSpan.FromSeconds(1);
        });
        silo.AddEventHandling(o => o.FirstRetryDelay = TimeSpan.FromMilliseconds(20));
        return silo;
    }
}
