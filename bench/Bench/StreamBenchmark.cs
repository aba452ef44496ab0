using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Orleans.Configuration;
using Orleans.Streams;
using Shop.KafkaMock;
using Shop.Providers.Kafka;
using Shop.Providers.MySql.Streams;
using Shop.Providers.Sqlite;
using Shop.Providers.Sqlite.Streams;
using Shop.Journaling;
using Shop.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Bench;

/// <summary>
/// Events from a journaled grain's commit to its consumer's handler, through the outbox relay and the stream
/// provider, on each queue: the SQLite queue (embedded default), Orleans' ADO.NET streams on MariaDB, and Kafka (the
/// librdkafka mock broker, or <c>SHOP_BENCH_KAFKA</c>); then a plain Confluent.Kafka produce→consume loop on the
/// same broker as the baseline.
/// </summary>
internal static class StreamBenchmark
{
    private const int Producers = 100;
    private const int EventsPerCall = 10;
    private const int PlainMessages = 200_000;

    // Producers wait while this many committed events are not yet handled: the rate measured is the one the
    // pipeline sustains, and the latency is not that of an ever-growing backlog.
    private const int MaxInFlight = 2_000;
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        await ShopMySql.EnsureSchemaAsync(options.MySqlConnectionString);
        using var mock = Environment.GetEnvironmentVariable("SHOP_BENCH_KAFKA") is { Length: > 0 } ? null
            : KafkaMockCluster.Start(topics: new Dictionary<string, int> { [KafkaStreamOptions.DefaultTopicPrefix + BenchEventProducerGrain.Namespace] = 8, ["plain"] = 8 });
        var kafka = mock?.BootstrapServers ?? Environment.GetEnvironmentVariable("SHOP_BENCH_KAFKA")!;

        var directory = Path.Combine(Path.GetTempPath(), $"shop-bench-streams-{Guid.NewGuid():N}");
        try
        {
            await RunProviderAsync("sqlite", options.Duration, silo =>
            {
                silo.AddSqliteStorage(o => o.DataDirectory = directory).AddJournaling();
                silo.AddSqliteStreams(StreamNames.Provider);
            });
            await RunProviderAsync("mysql", options.Duration, silo =>
            {
                silo.AddShopMySqlStorage(options.MySqlConnectionString);
                silo.AddMySqlStreams(StreamNames.Provider, options.MySqlConnectionString);
            });
            await RunProviderAsync("kafka", options.Duration, silo =>
            {
                silo.AddShopMySqlStorage(options.MySqlConnectionString);
                silo.AddKafkaStreams(StreamNames.Provider, o =>
                {
                    o.BootstrapServers = kafka;
                    o.StreamNamespaces = [BenchEventProducerGrain.Namespace];
                    o.PartitionsPerTopic = 8;
                });
            });
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        var plain = RunPlainKafka(kafka);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"streams: kafka plain {plain:F0} msgs/s"));
        return 0;
    }

    private static async Task RunProviderAsync(string name, TimeSpan duration, Action<ISiloBuilder> configure)
    {
        await using var silo = await BenchSilo.StartAsync(s =>
        {
            configure(s);
            s.Services.Configure<StreamPubSubOptions>(StreamNames.Provider, o => o.PubSubType = StreamPubSubType.ImplicitOnly);
            s.AddEventHandling();
        });

        var run = Guid.NewGuid().ToString("N")[..8];
        StreamMeter.Reset();
        long emitted = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var producer = silo.Grains.GetGrain<IBenchEventProducerGrain>($"{name}-{run}-{p.ToString(CultureInfo.InvariantCulture)}");
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                while (Interlocked.Read(ref emitted) - StreamMeter.Count > MaxInFlight && Stopwatch.GetElapsedTime(started) < duration)
                {
                    await Task.Delay(1);
                }

                await producer.EmitAsync(EventsPerCall);
                Interlocked.Add(ref emitted, EventsPerCall);
            }
        })));

        var drainStarted = Stopwatch.GetTimestamp();
        while (StreamMeter.Count < emitted && Stopwatch.GetElapsedTime(drainStarted) < DrainLimit)
        {
            await Task.Delay(50);
        }

        var handled = StreamMeter.Count;
        var elapsed = Stopwatch.GetElapsedTime(started, StreamMeter.LastTimestamp);
        var latencies = StreamMeter.Latencies();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"streams: {name} {handled / elapsed.TotalSeconds:F0} events/s, p50 {JournalMeter.Percentile(latencies, 0.50):F1} ms, p99 {JournalMeter.Percentile(latencies, 0.99):F1} ms ({handled} of {emitted} committed events handled in {elapsed.TotalSeconds:F1} s, {Producers} producers, at most {MaxInFlight} unhandled)"));
        if (handled < emitted)
        {
            throw new InvalidOperationException($"streams: {name} handled {handled} of {emitted} committed events within {DrainLimit.TotalSeconds:F0} s.");
        }
    }

    // The baseline: Confluent.Kafka alone, with the provider's durability (acks=all, idempotence), one message per event.
    private static double RunPlainKafka(string bootstrapServers)
    {
        var payload = new byte[160];
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"plain-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe("plain");

        var started = Stopwatch.GetTimestamp();
        var received = 0;
        var consuming = Task.Run(() =>
        {
            while (received < PlainMessages && Stopwatch.GetElapsedTime(started) < DrainLimit)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false, Message: not null })
                {
                    received++;
                }
            }
        });
        for (var i = 0; i < PlainMessages; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce("plain", new Message<byte[], byte[]> { Key = BitConverter.GetBytes(i % 1000), Value = payload });
                    break;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(DrainLimit);
        consuming.Wait();
        consumer.Close();
        return received / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
