using Confluent.Kafka;
using Shop.KafkaMock;

namespace Shop.Providers.Kafka.Tests;

/// <summary>The mock broker runs in the librdkafka file Confluent.Kafka loaded, and plain clients can use it.</summary>
public sealed class KafkaMockClusterTests
{
    [Fact]
    public async Task The_mock_runs_in_the_native_library_Confluent_Kafka_loaded_and_serves_produce_and_consume()
    {
        using var mock = KafkaMockCluster.Start(1, new Dictionary<string, int> { ["probe"] = 2 });

        Assert.Contains("librdkafka", Path.GetFileName(mock.NativeLibraryPath), StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            // Exactly one librdkafka file is mapped into the process: Confluent.Kafka's and the mock's are the same.
            var mapped = File.ReadLines("/proc/self/maps")
                .Select(l => l.IndexOf('/') is var i and >= 0 ? l[i..].Trim() : "")
                .Where(p => Path.GetFileName(p).Contains("librdkafka", StringComparison.Ordinal))
                .Distinct()
                .ToList();
            Assert.Equal([mock.NativeLibraryPath], mapped);
        }

        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = mock.BootstrapServers, EnableIdempotence = true }).Build())
        {
            var delivery = await producer.ProduceAsync(new TopicPartition("probe", 1), new Message<Null, string> { Value = "hello" });
            Assert.Equal(PersistenceStatus.Persisted, delivery.Status);
        }

        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig { BootstrapServers = mock.BootstrapServers, GroupId = "probe" }).Build();
        consumer.Assign(new TopicPartitionOffset("probe", 1, Offset.Beginning));
        var result = consumer.Consume(TimeSpan.FromSeconds(20));
        Assert.NotNull(result);
        Assert.Equal("hello", result.Message.Value);
    }
}
