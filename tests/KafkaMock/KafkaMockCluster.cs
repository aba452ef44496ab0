using System.Runtime.InteropServices;

namespace Shop.KafkaMock;

/// <summary>
/// librdkafka's built-in mock Kafka cluster: real Kafka protocol over TCP on ephemeral localhost ports, in this
/// process. Produce (idempotent), consumer groups and committed offsets work; the Admin API cannot create
/// topics (use <see cref="CreateTopic"/>); each partition keeps at most 5 MiB; nothing survives the process.
/// For tests and local development only: nothing under <c>src/</c> may depend on it.
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private readonly Lock _gate = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    private KafkaMockCluster(IntPtr handle, IntPtr cluster, string bootstrapServers, string nativeLibraryPath)
    {
        _handle = handle;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
        NativeLibraryPath = nativeLibraryPath;
    }

    /// <summary>"host:port,…" of the mock brokers, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>The librdkafka file the mock runs in (the one Confluent.Kafka loaded).</summary>
    public string NativeLibraryPath { get; }

    /// <summary>Starts a mock cluster of <paramref name="brokers"/> brokers with the given topics (name → partitions).</summary>
    public static KafkaMockCluster Start(int brokers = 1, IReadOnlyDictionary<string, int>? topics = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        var path = LibRdKafka.EnsureBound();

        var errstr = new byte[512];
        var conf = LibRdKafka.rd_kafka_conf_new();
        // The hosting handle never talks to a broker: silence its "no bootstrap.servers" notice.
        LibRdKafka.rd_kafka_conf_set(conf, "log_level", "3", errstr, (UIntPtr)errstr.Length);
        var handle = LibRdKafka.rd_kafka_new(LibRdKafka.RdKafkaProducer, conf, errstr, (UIntPtr)errstr.Length);
        if (handle == IntPtr.Zero)
        {
            // On failure rd_kafka_new leaves the configuration to the caller.
            LibRdKafka.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"rd_kafka_new failed: {LibRdKafka.Text(errstr)}");
        }

        var cluster = LibRdKafka.rd_kafka_mock_cluster_new(handle, brokers);
        if (cluster == IntPtr.Zero)
        {
            LibRdKafka.rd_kafka_destroy(handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
        }

        var bootstrap = Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
        var mock = new KafkaMockCluster(handle, cluster, bootstrap, path);
        try
        {
            foreach (var (name, partitions) in topics ?? new Dictionary<string, int>())
            {
                mock.CreateTopic(name, partitions);
            }
        }
        catch
        {
            mock.Dispose();
            throw;
        }

        return mock;
    }

    /// <summary>Creates a topic (replication factor 1, so that one broker suffices).</summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            var err = LibRdKafka.rd_kafka_mock_topic_create(_cluster, name, partitions, 1);
            if (err != 0)
            {
                throw new InvalidOperationException($"Creating mock topic '{name}' failed: {LibRdKafka.ErrorText(err)}");
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != IntPtr.Zero)
            {
                LibRdKafka.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_handle != IntPtr.Zero)
            {
                LibRdKafka.rd_kafka_destroy(_handle);
                _handle = IntPtr.Zero;
            }
        }
    }
}
