using System.Collections.Concurrent;
using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Streaming;

namespace Shop.Providers.Kafka.Tests;

/// <summary>The stream namespaces of the tests (each gets a topic per test cluster).</summary>
public static class TestNamespaces
{
    public const string Ordered = "ordered";
    public const string Poison = "poison";
    public const string Gated = "gated";
    public const string Resume = "resume";

    public static readonly string[] All = [Ordered, Poison, Gated, Resume];
}

/// <summary>A payload record, as the project's business events are.</summary>
[GenerateSerializer, Immutable, Alias("shop.tests.kafka.test-payload")]
public sealed record TestPayload([property: Id(0)] int Number);

[Alias("shop.tests.kafka.IRecordingConsumerGrain")]
public interface IRecordingConsumerGrain : IGrainWithStringKey;

/// <summary>
/// Implicitly subscribed to every test namespace; records what it receives in <see cref="Received"/> (keyed by
/// namespace and stream key, which tests make unique). A stream key with a <see cref="Gates"/> entry waits for
/// it before handling each event.
/// </summary>
[ImplicitStreamSubscription(TestNamespaces.Ordered)]
[ImplicitStreamSubscription(TestNamespaces.Poison)]
[ImplicitStreamSubscription(TestNamespaces.Gated)]
[ImplicitStreamSubscription(TestNamespaces.Resume)]
public sealed class RecordingConsumerGrain : Grain, IRecordingConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<StreamEvent>
{
    public static readonly ConcurrentDictionary<(string Namespace, string Key), ConcurrentQueue<ReceivedEvent>> Received = new();
    public static readonly ConcurrentDictionary<(string Namespace, string Key), int> Arrivals = new();
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    private string _namespace = "";

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        _namespace = handleFactory.StreamId.GetNamespace() ?? "";
        await handleFactory.Create<StreamEvent>().ResumeAsync(this);
    }

    public async Task OnNextAsync(StreamEvent item, StreamSequenceToken? token = null)
    {
        var key = (_namespace, this.GetPrimaryKeyString());
        Arrivals.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (Gates.TryGetValue(key.Item2, out var gate))
        {
            await gate.Task;
        }

        Received.GetOrAdd(key, _ => new ConcurrentQueue<ReceivedEvent>())
            .Enqueue(new ReceivedEvent(item.EventId, item.Version, token?.SequenceNumber ?? -1, RuntimeIdentity));
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public static ReceivedEvent[] Of(string streamNamespace, string key) =>
        Received.TryGetValue((streamNamespace, key), out var queue) ? queue.ToArray() : [];
}

/// <summary>One event as a consumer saw it: its id and version, the Kafka offset it came from, and the silo.</summary>
public sealed record ReceivedEvent(string EventId, long Version, long Offset, string Silo);

/// <summary>Events of the tests: version n of a source, with a record payload.</summary>
public static class TestEvents
{
    public static StreamEvent Create(string source, long version) =>
        new(StreamEvent.IdOf(source, version), source, version, DateTimeOffset.UtcNow, new TestPayload((int)version));
}
