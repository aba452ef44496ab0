using System.Globalization;
using Shop.KafkaMock;
using Shop.Providers.MySql;
using Shop.StreamingProbes;
using Shop.TestKit;

namespace Shop.Streaming.Tests;

/// <summary>
/// A real silo process killed with SIGKILL while producers commit events and consumers handle them (each handler
/// takes a few milliseconds, so some are always running): events committed but not yet published, published but
/// not yet handled, and handled but not yet acknowledged are all cut off. After a restart on the same database (and
/// broker), every committed event must be handled exactly once, with no help from a later request; in order where
/// the queue keeps order across a crash (the SQLite queue and Kafka resume from the last acknowledged position).
/// Orleans' ADO.NET streams do not: messages the dead silo had dequeued come back only after their visibility
/// timeout, behind messages enqueued later.
/// </summary>
public abstract class KilledSiloStreamingScenarios(StreamingCombination combination) : IAsyncLifetime
{
    private const int Producers = 4;
    private const int HandlerDelayMs = 5;

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private string? _directory;
    private MySqlTestDatabase? _database;
    private readonly string _kafkaTopicPrefix = TestKafkaBroker.UniqueTopicPrefix("streamingtests");
    private TestKafkaBroker? _kafka;
    private string _location = "";

    public async Task InitializeAsync()
    {
        if (combination == StreamingCombination.SqliteQueue)
        {
            _location = _directory = TempDirectory.Create("streaming-kill");
        }
        else
        {
            _database = await MySqlTestDatabase.CreateAsync();
            _location = _database.ConnectionString;
            await MySqlSchema.EnsureAsync(_location);
        }

        if (combination == StreamingCombination.MySqlKafka)
        {
            _kafka = TestKafkaBroker.Start(new Dictionary<string, int> { [ProbeSilo.KafkaTopicOf(_kafkaTopicPrefix)] = ProbeSilo.KafkaPartitions });
        }
    }

    public async Task DisposeAsync()
    {
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

    // Shop.TestSilo takes the Kafka topic prefix after the brokers: "<brokers>|<topic prefix>".
    private Task<ChildSilo> StartSiloAsync() =>
        ChildSilo.StartStreamingAsync(combination.ToString(), _location, _kafka is null ? null : $"{_kafka.BootstrapServers}|{_kafkaTopicPrefix}");

    [Fact]
    public async Task Every_committed_event_is_handled_exactly_once_in_order_after_a_SIGKILL_mid_stream()
    {
        var keys = Enumerable.Range(1, Producers).Select(i => $"killed-{_run}-{i}").ToList();
        var acknowledged = new long[Producers];
        var silo = await StartSiloAsync();
        try
        {
            // Producers keep committing until the silo dies under them; the kill comes once some events are
            // handled, so that handlers, publications and commits are all in flight.
            using var stop = new CancellationTokenSource();
            var emitting = keys.Select((key, i) => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var version = long.Parse(await silo.SendAsync("emit", $"{key} 3 {HandlerDelayMs}"), CultureInfo.InvariantCulture);
                        acknowledged[i] = Math.Max(acknowledged[i], version);
                    }
                    catch (ChildSiloException)
                    {
                        return; // killed mid-call: committed or not, the journal will tell
                    }
                }
            })).ToList();

            await Eventually.HoldsAsync(
                async () => (await silo.SendAsync("handled", keys[0])).Split(',', StringSplitOptions.RemoveEmptyEntries).Length >= 6,
                () => Task.FromResult($"the first consumer to handle some events; child log: {silo.Errors}"));
            silo.Kill();
            stop.Cancel();
            await Task.WhenAll(emitting);
        }
        finally
        {
            await silo.DisposeAsync();
        }

        await using var restarted = await StartSiloAsync();
        for (var i = 0; i < Producers; i++)
        {
            var key = keys[i];

            // The journal is the truth: everything it holds was committed, acknowledged or not.
            var committed = long.Parse(await restarted.SendAsync("version", key), CultureInfo.InvariantCulture);
            Assert.True(committed >= acknowledged[i], $"{key}: the journal ends at {committed}, but {acknowledged[i]} was acknowledged");

            var expected = string.Join(",", Enumerable.Range(1, (int)committed));
            await Eventually.HoldsAsync(
                async () => (await restarted.SendAsync("handled", key)).Split(',', StringSplitOptions.RemoveEmptyEntries).Length >= committed,
                async () => $"{key}: handled [{await restarted.SendAsync("handled", key)}], expected [{expected}]; child log: {restarted.Errors}");
            var handled = await restarted.SendAsync("handled", key);
            if (combination == StreamingCombination.MySqlAdoNet)
            {
                var versions = handled.Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(versions.Count, versions.Distinct().Count());
                Assert.Equal(expected, string.Join(",", versions.Order()));
            }
            else
            {
                Assert.Equal(expected, handled);
            }
            await Eventually.HoldsAsync(
                async () => await restarted.SendAsync("unpublished", key) == "none",
                async () => $"{key}: the outbox still holds version {await restarted.SendAsync("unpublished", key)}");
        }
    }
}

public sealed class KilledSiloStreamingOnSqliteQueue() : KilledSiloStreamingScenarios(StreamingCombination.SqliteQueue);

public sealed class KilledSiloStreamingOnMySqlAdoNet() : KilledSiloStreamingScenarios(StreamingCombination.MySqlAdoNet);

public sealed class KilledSiloStreamingOnMySqlKafka() : KilledSiloStreamingScenarios(StreamingCombination.MySqlKafka);
