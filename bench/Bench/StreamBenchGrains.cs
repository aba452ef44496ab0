using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Concurrency;
using Orleans.Providers;
using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Journaling;
using Shop.Streaming;

namespace Shop.Bench;

/// <summary>A journaled producer whose entries are events on <see cref="Namespace"/>: the path of every publishing grain.</summary>
public interface IBenchEventProducerGrain : IGrainWithStringKey
{
    Task<long> EmitAsync(int count);
}

[GenerateSerializer, Immutable]
public sealed record BenchEvent([property: Id(0)] long Sequence);

[GenerateSerializer]
public sealed class BenchProducerState
{
    [Id(0)]
    public long Emitted { get; set; }
}

[Reentrant]
[LogConsistencyProvider(ProviderName = JournalNames.LogConsistencyProvider)]
public sealed class BenchEventProducerGrain : DurableJournaledGrain<BenchProducerState, BenchEvent>, IBenchEventProducerGrain
{
    public const string Namespace = "bench";

    protected override string? EventStreamNamespace => Namespace;

    public async Task<long> EmitAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            RaiseEvent(new BenchEvent(TentativeState.Emitted + 1));
        }

        await ConfirmAsync();
        return Version;
    }

    protected override void Apply(BenchProducerState state, BenchEvent entry) => state.Emitted = entry.Sequence;
}

[GenerateSerializer]
public sealed class BenchConsumerState
{
    [Id(0)]
    public HandledEvents Handled { get; set; } = new();

    [Id(1)]
    public long Count { get; set; }
}

/// <summary>Handles each event as the real consumers do (deduplication window and count written in one state write) and records its latency since the commit.</summary>
[ImplicitStreamSubscription(BenchEventProducerGrain.Namespace)]
public sealed class BenchEventConsumerGrain(
    [PersistentState("bench-consumer")] IPersistentState<BenchConsumerState> state,
    EventHandling handling)
    : Grain, IGrainWithStringKey, IStreamSubscriptionObserver, IAsyncObserver<StreamEvent>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<StreamEvent>().ResumeAsync(this);

    public async Task OnNextAsync(StreamEvent item, StreamSequenceToken? token = null)
    {
        var outcome = await handling.HandleAsync(item, StreamId.Create(BenchEventProducerGrain.Namespace, this.GetPrimaryKeyString()), "bench", state.State.Handled, async _ =>
        {
            state.State.Count++;
            await state.WriteStateAsync();
        });
        if (outcome == HandlingOutcome.Handled)
        {
            StreamMeter.Handled(item.RecordedAt);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

/// <summary>What the consumers of one run handled: how many, when the last one was, and each one's latency since its commit.</summary>
internal static class StreamMeter
{
    private static ConcurrentQueue<double> s_latencies = new();
    private static long s_count;
    private static long s_lastTimestamp;

    public static long Count => Interlocked.Read(ref s_count);

    public static long LastTimestamp => Interlocked.Read(ref s_lastTimestamp);

    public static void Reset()
    {
        s_latencies = new ConcurrentQueue<double>();
        Interlocked.Exchange(ref s_count, 0);
    }

    public static void Handled(DateTimeOffset committedAt)
    {
        s_latencies.Enqueue((DateTimeOffset.UtcNow - committedAt).TotalMilliseconds);
        Interlocked.Increment(ref s_count);
        Interlocked.Exchange(ref s_lastTimestamp, Stopwatch.GetTimestamp());
    }

    public static double[] Latencies() => [.. s_latencies.Order()];
}
