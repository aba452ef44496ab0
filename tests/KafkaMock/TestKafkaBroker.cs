using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Shop.KafkaMock;

/// <summary>
/// The Kafka broker a test runs against: the real broker(s) named by <c>SHOP_TEST_KAFKA</c> (bootstrap servers)
/// when that variable is set, otherwise a <see cref="KafkaMockCluster"/> of this process. The test asks for its
/// topics by name and partition count; on a real broker they are created through the Admin API and deleted again
/// when this is disposed (only those it created: topics that already existed are left alone), on the mock they
/// live and die with the mock. Give topics names unique to the test run (see <see cref="UniqueTopicPrefix"/>), so
/// that runs sharing a real broker never meet. Tests of the mock itself use <see cref="KafkaMockCluster"/> directly.
/// </summary>
/// <remarks>
/// A broker that cannot create topics through the Admin API (librdkafka's mock cluster run from the command line,
/// <c>dotnet run --project tests/KafkaMock</c>, names no controller) is asked for the topics' metadata instead,
/// which makes a broker that auto-creates topics create them, with its own default partition count (4 on the mock):
/// a test that needs another count then fails with a message saying so.
/// </remarks>
public sealed class TestKafkaBroker : IDisposable
{
    /// <summary>The environment variable naming a real broker's bootstrap servers ("host:port,…").</summary>
    public const string EnvironmentVariable = "SHOP_TEST_KAFKA";

    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Bootstrap servers found unable to create topics through the Admin API (see <see cref="IsUnsupported"/>).</summary>
    private static readonly ConcurrentDictionary<string, bool> WithoutAdminApi = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private readonly KafkaMockCluster? _mock;
    private readonly IAdminClient? _admin;
    private readonly List<string> _created = [];
    private bool _disposed;

    private TestKafkaBroker(string bootstrapServers, KafkaMockCluster? mock, IAdminClient? admin)
    {
        BootstrapServers = bootstrapServers;
        _mock = mock;
        _admin = admin;
    }

    /// <summary>"host:port,…" of the broker, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Whether this is the in-process mock (no <c>SHOP_TEST_KAFKA</c>) rather than a real broker.</summary>
    public bool IsMock => _mock is not null;

    /// <summary>The bootstrap servers <c>SHOP_TEST_KAFKA</c> names, or null when it is unset or blank.</summary>
    public static string? ConfiguredBootstrapServers =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A topic name prefix unique to this call, e.g. <c>"shop-t1a2b3c4d."</c>: <paramref name="label"/>, a dash, "t" and 8 random hex digits, a dot.</summary>
    public static string UniqueTopicPrefix(string label = "shop") => $"{label}-t{Guid.NewGuid():N}"[..(label.Length + 10)] + ".";

    /// <summary>
    /// Connects to the broker of <c>SHOP_TEST_KAFKA</c>, or starts a one-broker mock cluster, and makes sure the
    /// <paramref name="topics"/> (name → partitions) exist.
    /// </summary>
    public static TestKafkaBroker Start(IReadOnlyDictionary<string, int>? topics = null)
    {
        TestKafkaBroker broker;
        if (ConfiguredBootstrapServers is { } bootstrap)
        {
            var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
            broker = new TestKafkaBroker(bootstrap, null, admin);
        }
        else
        {
            var mock = KafkaMockCluster.Start();
            broker = new TestKafkaBroker(mock.BootstrapServers, mock, null);
        }

        try
        {
            broker.CreateTopics(topics ?? new Dictionary<string, int>());
        }
        catch
        {
            broker.Dispose();
            throw;
        }

        return broker;
    }

    /// <summary>Makes sure a topic exists with <paramref name="partitions"/> partitions.</summary>
    public void CreateTopic(string name, int partitions) => CreateTopics(new Dictionary<string, int> { [name] = partitions });

    /// <summary>
    /// Makes sure the topics (name → partitions) exist, and returns once the broker's metadata shows each with its
    /// partitions led. A topic that already exists with another partition count is an error.
    /// </summary>
    public void CreateTopics(IReadOnlyDictionary<string, int> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        foreach (var (name, partitions) in topics)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        }

        if (topics.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_mock is not null)
            {
                foreach (var (name, partitions) in topics)
                {
                    _mock.CreateTopic(name, partitions);
                }

                return;
            }

            CreateOnRealBroker(_admin!, topics);
            WaitForMetadata(_admin!, topics);
        }
    }

    /// <summary>On the mock: disposes it. On a real broker: deletes the topics this created (best effort).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _mock?.Dispose();
            if (_admin is null)
            {
                return;
            }

            try
            {
                if (_created.Count > 0)
                {
                    _admin.DeleteTopicsAsync(_created, new DeleteTopicsOptions { RequestTimeout = AdminTimeout, OperationTimeout = AdminTimeout })
                        .Wait(AdminTimeout);
                }
            }
            catch (Exception)
            {
                // Best effort: a topic left behind has a name unique to its run and harms no other run.
            }
            finally
            {
                _admin.Dispose();
            }
        }
    }

    private void CreateOnRealBroker(IAdminClient admin, IReadOnlyDictionary<string, int> topics)
    {
        if (WithoutAdminApi.ContainsKey(BootstrapServers))
        {
            return;
        }

        var specifications = topics.Select(t => new TopicSpecification
        {
            Name = t.Key,
            NumPartitions = t.Value,
            // The broker's default.replication.factor (Kafka 2.4 and later): right for one broker and for many.
            ReplicationFactor = -1,
        }).ToList();
        try
        {
            admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = AdminTimeout, OperationTimeout = AdminTimeout })
                .GetAwaiter().GetResult();
            _created.AddRange(topics.Keys);
        }
        catch (CreateTopicsException e)
        {
            _created.AddRange(e.Results.Where(r => !r.Error.IsError).Select(r => r.Topic));
            var failed = e.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists).ToList();
            if (failed.Count > 0 && failed.All(r => IsUnsupported(r.Error)))
            {
                WithoutAdminApi[BootstrapServers] = true;
            }
            else if (failed.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Creating test topics on {EnvironmentVariable}={BootstrapServers} failed: {string.Join("; ", failed.Select(r => $"{r.Topic}: {r.Error}"))}", e);
            }
        }
        catch (KafkaException e) when (IsUnsupported(e.Error))
        {
            // A broker without the Admin API: librdkafka's mock cluster run from the command line reports no
            // controller, and cannot create topics that way. WaitForMetadata then asks for the topics by name, which
            // lets a broker that auto-creates topics create them. Remembered, so that the wait is paid only once.
            WithoutAdminApi[BootstrapServers] = true;
        }
    }

    /// <summary>
    /// Whether an error says that the broker cannot create topics through the Admin API at all: it does not offer
    /// the request, or its metadata names no controller to send it to (librdkafka's mock cluster).
    /// </summary>
    private static bool IsUnsupported(Error error) =>
        error.Code is ErrorCode.Local_UnsupportedFeature or ErrorCode.UnsupportedVersion
        || (error.Code == ErrorCode.Local_TimedOut && error.Reason.Contains("waiting for controller", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Waits until the metadata shows every topic with its partition count and a leader for each partition. Asking
    /// for a topic by name also lets a broker that auto-creates topics create a missing one (with its own default
    /// partition count, which must then be the one asked for).
    /// </summary>
    private void WaitForMetadata(IAdminClient admin, IReadOnlyDictionary<string, int> topics)
    {
        var deadline = DateTime.UtcNow + AdminTimeout;
        var pending = topics.ToDictionary(t => t.Key, t => t.Value);
        var last = "";
        while (true)
        {
            foreach (var (name, partitions) in pending.ToList())
            {
                TopicMetadata? topic;
                try
                {
                    topic = admin.GetMetadata(name, TimeSpan.FromSeconds(5)).Topics.SingleOrDefault(t => t.Topic == name);
                }
                catch (KafkaException e)
                {
                    last = $"{name}: {e.Error}";
                    continue;
                }

                if (topic is null || topic.Error.IsError)
                {
                    last = $"{name}: {topic?.Error.ToString() ?? "not in the metadata"}";
                    continue;
                }

                if (topic.Partitions.Count != partitions)
                {
                    throw new InvalidOperationException(
                        $"Test topic '{name}' on {EnvironmentVariable}={BootstrapServers} has {topic.Partitions.Count} partitions; the test needs {partitions}. " +
                        "(A broker that cannot create topics through the Admin API auto-creates them with its default partition count.)");
                }

                if (topic.Partitions.All(p => p.Leader >= 0))
                {
                    pending.Remove(name);
                }
                else
                {
                    last = $"{name}: a partition has no leader yet";
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Test topics {string.Join(", ", pending.Keys)} did not appear on {EnvironmentVariable}={BootstrapServers} within {AdminTimeout.TotalSeconds:0} s (last: {last}).");
            }

            Thread.Sleep(200);
        }
    }
}
