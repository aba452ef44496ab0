using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace Shop.Providers.Kafka;

/// <summary>Creates the provider's missing topics through the Admin API (when <see cref="KafkaStreamOptions.CreateTopics"/> is set).</summary>
internal static class KafkaTopicCreator
{
    public static async Task EnsureTopicsAsync(string provider, KafkaStreamOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options)).Build();
        var topics = options.StreamNamespaces.Select(options.TopicOf).Distinct(StringComparer.Ordinal).ToList();
        var specifications = topics.Select(t => new TopicSpecification
        {
            Name = t,
            NumPartitions = options.PartitionsPerTopic,
            ReplicationFactor = options.ReplicationFactor,
        }).ToList();

        try
        {
            await admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = options.AdminTimeout })
                .WaitAsync(options.AdminTimeout, cancellationToken);
            foreach (var topic in topics)
            {
                KafkaLog.TopicCreated(logger, provider, topic, options.PartitionsPerTopic);
            }
        }
        catch (CreateTopicsException e)
        {
            // Existing topics are fine (another silo, or operators, created them); anything else is not.
            var failed = e.Results.Where(r => r.Error.IsError && r.Error.Code != Confluent.Kafka.ErrorCode.TopicAlreadyExists).ToList();
            if (failed.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Kafka stream provider '{provider}' could not create topics: {string.Join("; ", failed.Select(r => $"{r.Topic}: {r.Error.Reason}"))}", e);
            }

            foreach (var created in e.Results.Where(r => !r.Error.IsError))
            {
                KafkaLog.TopicCreated(logger, provider, created.Topic, options.PartitionsPerTopic);
            }
        }
    }
}
