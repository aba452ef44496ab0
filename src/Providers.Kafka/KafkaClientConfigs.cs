using Confluent.Kafka;

namespace Shop.Providers.Kafka;

/// <summary>
/// The librdkafka configurations of the provider's clients: the caller's extra settings first, then the settings
/// the provider's guarantees rest on (the validator refuses extras for those keys, this order is a second guard).
/// </summary>
internal static class KafkaClientConfigs
{
    public static ProducerConfig Producer(KafkaStreamOptions options)
    {
        var config = new ProducerConfig(new Dictionary<string, string>(options.ProducerSettings))
        {
            BootstrapServers = options.BootstrapServers,
            // A produce completes only when every in-sync replica has the message, exactly once per send even
            // across librdkafka's internal retries.
            Acks = Acks.All,
            EnableIdempotence = true,
        };
        return config;
    }

    public static ConsumerConfig Consumer(KafkaStreamOptions options, string groupId)
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(options.ConsumerSettings))
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = groupId,
            // Offsets are committed by the receiver, and only for messages Orleans has delivered.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = false,
        };

        // Where a partition starts when the group has no committed offset yet: from its first message.
        config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        return config;
    }

    public static AdminClientConfig Admin(KafkaStreamOptions options) =>
        new(new Dictionary<string, string>(options.ConsumerSettings)) { BootstrapServers = options.BootstrapServers };
}
