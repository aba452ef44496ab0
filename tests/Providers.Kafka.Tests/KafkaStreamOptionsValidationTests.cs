using Orleans.Runtime;

namespace Shop.Providers.Kafka.Tests;

public sealed class KafkaStreamOptionsValidationTests
{
    private static KafkaStreamOptions Valid() => new() { BootstrapServers = "localhost:9092", StreamNamespaces = ["orders"] };

    [Fact]
    public void Valid_options_pass_and_the_defaults_are_documented_values()
    {
        var options = Valid();
        Assert.Empty(KafkaStreamOptionsValidator.Validate(options));
        Assert.Equal("shop.orders", options.TopicOf("orders"));
        Assert.Equal(8, options.PartitionsPerTopic);
        Assert.False(options.CreateTopics);
        Assert.Equal(TimeSpan.FromSeconds(1), options.CommitInterval);
    }

    [Fact]
    public void Missing_servers_and_namespaces_are_reported_by_name_at_startup()
    {
        var validator = new KafkaStreamOptionsValidator(new KafkaStreamOptions(), "events");
        var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);
        Assert.Contains("'events'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(KafkaStreamOptions.BootstrapServers), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(KafkaStreamOptions.StreamNamespaces), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_that_would_weaken_delivery_and_bad_topics_are_refused()
    {
        var options = Valid();
        options.ProducerSettings["acks"] = "1";
        options.ConsumerSettings["enable.auto.commit"] = "true";
        options.StreamNamespaces.Add("bad namespace!");
        options.StreamNamespaces.Add("payments");
        options.TopicNames["payments"] = "shop.orders";
        options.PartitionsPerTopic = 0;

        var errors = KafkaStreamOptionsValidator.Validate(options);

        Assert.Contains(errors, e => e.Contains("ProducerSettings must not set 'acks'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ConsumerSettings must not set 'enable.auto.commit'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'shop.bad namespace!'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("same topic 'shop.orders'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(nameof(KafkaStreamOptions.PartitionsPerTopic), StringComparison.Ordinal));
    }
}
