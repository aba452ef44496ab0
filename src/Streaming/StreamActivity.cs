using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace Shop.Streaming;

/// <summary>
/// What this silo's stream consumers have handled, per Orleans queue of the provider <see cref="StreamNames.Provider"/>:
/// how many events since the silo started, and the lag of the last one (when it was handled − when its producer
/// committed it, <see cref="StreamEvent.RecordedAt"/>). <see cref="EventHandling"/> records every event it handles; the
/// operations page reads <see cref="Totals"/>. Measurements kept in memory, not state: they start again with the silo.
/// </summary>
/// <remarks>
/// A consumer runs on whichever silo its grain lives, not necessarily the silo pulling the queue, so each silo counts
/// what its own consumers handled and the cluster's figures are the sum over the silos.
/// </remarks>
public sealed class StreamActivity
{
    /// <summary>
    /// Most streams whose queue is remembered. Streams are many (one per order, product and payment) and the queue of one
    /// is cheap to compute again, so the memo is emptied when full rather than left to grow.
    /// </summary>
    public const int MaxStreamsRemembered = 16_384;

    private readonly Func<IStreamQueueMapper?> _findMapper;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<StreamId, QueueCounters> _byStream = new();
    private readonly ConcurrentDictionary<string, QueueCounters> _byQueue = new(StringComparer.Ordinal);
    private readonly Lazy<IStreamQueueMapper?> _mapper;

    /// <summary>The silo's: the queues are those of the stream provider's queue mapper.</summary>
    public StreamActivity(IServiceProvider services, TimeProvider time)
        : this(() => services.GetKeyedService<IQueueAdapterFactory>(StreamNames.Provider)?.GetStreamQueueMapper(), time)
    {
    }

    /// <param name="findMapper">Finds the queue mapper on first use (the stream provider is built after this); null: none.</param>
    /// <param name="time">The clock of <see cref="StreamEvent.RecordedAt"/>.</param>
    public StreamActivity(Func<IStreamQueueMapper?> findMapper, TimeProvider time)
    {
        _findMapper = findMapper;
        _time = time;
        _mapper = new Lazy<IStreamQueueMapper?>(FindMapper, LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>Records that a consumer handled <paramref name="streamEvent"/> of <paramref name="streamId"/> just now.</summary>
    public void Handled(StreamId streamId, StreamEvent streamEvent)
    {
        var now = _time.GetUtcNow();
        if (!_byStream.TryGetValue(streamId, out var counters))
        {
            counters = Remember(streamId);
        }

        counters.Add(now - streamEvent.RecordedAt, now);
    }

    /// <summary>Every queue this silo's consumers handled events of, ordered by queue.</summary>
    public IReadOnlyList<StreamQueueTotals> Totals() =>
        [.. _byQueue.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => q.Value.Totals(q.Key))];

    private QueueCounters Remember(StreamId streamId)
    {
        var counters = _byQueue.GetOrAdd(QueueOf(streamId), static _ => new QueueCounters());
        if (_byStream.Count >= MaxStreamsRemembered)
        {
            _byStream.Clear();
        }

        _byStream.TryAdd(streamId, counters);
        return counters;
    }

    /// <summary>The queue's name as Orleans writes a <see cref="QueueId"/>; the namespace when no mapper knows the stream.</summary>
    private string QueueOf(StreamId streamId)
    {
        if (_mapper.Value is { } mapper)
        {
            try
            {
                return mapper.GetQueueForStream(streamId).ToString();
            }
            catch (ArgumentException)
            {
                // A namespace the provider was not configured for (Kafka maps only its namespaces); it still counts.
            }
        }

        return streamId.GetNamespace() ?? "";
    }

    private IStreamQueueMapper? FindMapper()
    {
        try
        {
            return _findMapper();
        }
        catch (InvalidOperationException)
        {
            // No queue adapter under the provider's name (e.g. a silo with memory streams only): count per namespace.
            return null;
        }
    }

    /// <summary>One queue's counts. Updated by many consumers at once, so each figure is one interlocked word.</summary>
    private sealed class QueueCounters
    {
        private long _handled;
        private long _lastLagTicks;
        private long _lastHandledAtTicks;

        public void Add(TimeSpan lag, DateTimeOffset at)
        {
            Interlocked.Increment(ref _handled);
            Interlocked.Exchange(ref _lastLagTicks, Math.Max(0, lag.Ticks));
            Interlocked.Exchange(ref _lastHandledAtTicks, at.UtcTicks);
        }

        public StreamQueueTotals Totals(string queue) => new(
            queue,
            Interlocked.Read(ref _handled),
            TimeSpan.FromTicks(Interlocked.Read(ref _lastLagTicks)),
            new DateTimeOffset(Interlocked.Read(ref _lastHandledAtTicks), TimeSpan.Zero));
    }
}
