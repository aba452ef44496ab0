using System.Text.RegularExpressions;
using Orleans;
using Orleans.Runtime;

namespace Shop.Providers.Kafka;

/// <summary>
/// Checks a provider's <see cref="KafkaStreamOptions"/> when the silo or client starts, so that a mistake is a
/// clear startup error instead of a stream that silently never delivers.
/// </summary>
public sealed partial class KafkaStreamOptionsValidator : IConfigurationValidator
{
    /// <summary>Keys the provider owns: letting settings override them would break its guarantees.</summary>
    private static readonly string[] ReservedProducerKeys = ["bootstrap.servers", "acks", "request.required.acks", "enable.idempotence"];
    private static readonly string[] ReservedConsumerKeys = ["bootstrap.servers", "group.id", "enable.auto.commit", "enable.auto.offset.store"];

    private readonly KafkaStreamOptions _options;
    private readonly string _name;

    public KafkaStreamOptionsValidator(KafkaStreamOptions options, string name)
    {
        _options = options;
        _name = name;
    }

    public void ValidateConfiguration()
    {
        var errors = Validate(_options);
        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException(
                $"Invalid {nameof(KafkaStreamOptions)} for stream provider '{_name}': {string.Join(" ", errors)}");
        }
    }

    /// <summary>Every problem found, each a sentence naming the option; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(KafkaStreamOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            errors.Add($"{nameof(options.BootstrapServers)} is required (host:port of at least one Kafka broker).");
        }

        if (options.StreamNamespaces is null || options.StreamNamespaces.Count == 0)
        {
            errors.Add($"{nameof(options.StreamNamespaces)} must list at least one stream namespace (each gets its own topic).");
        }
        else
        {
            var topics = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var ns in options.StreamNamespaces)
            {
                if (string.IsNullOrWhiteSpace(ns))
                {
                    errors.Add($"{nameof(options.StreamNamespaces)} contains an empty namespace.");
                    continue;
                }

                var topic = options.TopicOf(ns);
                if (!TopicName().IsMatch(topic) || topic is "." or "..")
                {
                    errors.Add($"Topic '{topic}' of namespace '{ns}' is not a valid Kafka topic name (1–249 of a-z A-Z 0-9 . _ -).");
                }

                if (topics.TryGetValue(topic, out var other) && other != ns)
                {
                    errors.Add($"Namespaces '{other}' and '{ns}' map to the same topic '{topic}'.");
                }

                topics[topic] = ns;
            }
        }

        if (options.PartitionsPerTopic < 1)
        {
            errors.Add($"{nameof(options.PartitionsPerTopic)} must be at least 1 (it is {options.PartitionsPerTopic}).");
        }

        if (options.MaxBatchSize < 1)
        {
            errors.Add($"{nameof(options.MaxBatchSize)} must be at least 1 (it is {options.MaxBatchSize}).");
        }

        if (options.PollTimeout < TimeSpan.Zero)
        {
            errors.Add($"{nameof(options.PollTimeout)} must not be negative.");
        }

        if (options.CommitInterval < TimeSpan.Zero)
        {
            errors.Add($"{nameof(options.CommitInterval)} must not be negative.");
        }

        if (options.AdminTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(options.AdminTimeout)} must be positive.");
        }

        if (options.CreateTopics && options.ReplicationFactor < 1)
        {
            errors.Add($"{nameof(options.ReplicationFactor)} must be at least 1 when {nameof(options.CreateTopics)} is set.");
        }

        if (options.ConsumerGroup is { } group && group.Length > 0 && string.IsNullOrWhiteSpace(group))
        {
            errors.Add($"{nameof(options.ConsumerGroup)} must not be blank.");
        }

        AddReserved(errors, nameof(options.ProducerSettings), options.ProducerSettings, ReservedProducerKeys);
        AddReserved(errors, nameof(options.ConsumerSettings), options.ConsumerSettings, ReservedConsumerKeys);
        return errors;
    }

    private static void AddReserved(List<string> errors, string option, IDictionary<string, string>? settings, string[] reserved)
    {
        if (settings is null)
        {
            return;
        }

        foreach (var key in settings.Keys.Where(k => reserved.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"{option} must not set '{key}': the provider sets it itself.");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]{1,249}$")]
    private static partial Regex TopicName();
}
