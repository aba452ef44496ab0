using System.Text;

namespace Shop.Providers.Kafka.Tests;

/// <summary>Picks stream keys by the partition the provider puts them on.</summary>
internal static class StreamKeys
{
    public static string OnPartition(string prefix, int partition, int skip = 0)
    {
        for (var i = 0; ; i++)
        {
            var key = $"{prefix}-{i}";
            if (KafkaStreamQueueMapper.PartitionOf(Encoding.UTF8.GetBytes(key), KafkaTestEnvironment.Partitions) == partition && skip-- == 0)
            {
                return key;
            }
        }
    }
}
