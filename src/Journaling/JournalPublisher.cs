using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Shop.Streaming;

namespace Shop.Journaling;

/// <summary>
/// The relay from a grain's journal (its outbox) to its stream: committed entries go onto the stream in version
/// order, as <see cref="StreamEvent"/>s whose ids are their journal versions, and leave the outbox once the stream
/// has taken them. At least once: a crash between the two publishes them again, and consumers deduplicate.
/// </summary>
/// <remarks>
/// Runs on its grain's turn (one loop per activation, so one publisher per grain in the cluster): entries reach it
/// only after their append committed, so nothing uncommitted is ever published. A failing stream is retried with
/// growing delays while the grain lives; if the grain dies first, the outbox sweeper wakes it again.
/// </remarks>
internal sealed class JournalPublisher<TEntry>(
    GrainId grainId,
    IAsyncStream<StreamEvent> stream,
    IJournalStorage storage,
    Func<TEntry, object> toEvent,
    Func<byte[], TEntry> deserialize,
    int maxEventsPerPublish,
    ILogger logger)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly string _source = grainId.ToString();
    private readonly List<StreamEvent> _unpublished = [];
    private const int BatchesPerMark = 16;

    private Task _publishing = Task.CompletedTask;
    private long _publishedThrough;
    private long _markedThrough;
    private bool _stopped;

    /// <summary>Takes entries whose append has just committed and publishes them after those already waiting.</summary>
    public void Committed(long firstVersion, IReadOnlyList<TEntry> entries, DateTimeOffset committedAt)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            Add(firstVersion + i, entries[i], committedAt);
        }

        EnsurePublishing();
    }

    /// <summary>
    /// Reads what the outbox holds (what an earlier activation committed and did not publish) ahead of anything
    /// committed since, and starts publishing it. Called before the activation's first append.
    /// </summary>
    public async Task LoadOutboxAsync()
    {
        if (await storage.ReadFirstUnpublishedVersionAsync(grainId) is { } first)
        {
            var pending = new List<StreamEvent>();
            foreach (var entry in await storage.ReadEntriesAsync(grainId, first - 1))
            {
                pending.Add(ToStreamEvent(entry.Version, deserialize(entry.Payload), entry.RecordedAt));
            }

            // Not what this activation has published already (only its outbox rows are left), nor what it holds.
            var committedSince = _unpublished.Count == 0 ? long.MaxValue : _unpublished[0].Version;
            _unpublished.InsertRange(0, pending.Where(e => e.Version > _publishedThrough && e.Version < committedSince));
        }

        EnsurePublishing();
    }

    /// <summary>Publishes what is waiting, reading the outbox first when nothing is; completes once it is all on the stream.</summary>
    public async Task PublishPendingAsync()
    {
        if (_publishing.IsCompleted && _unpublished.Count == 0)
        {
            await LoadOutboxAsync();
        }

        EnsurePublishing();
        await _publishing;
    }

    /// <summary>Stops publishing: the activation has lost its journal, and what is unpublished stays in the outbox.</summary>
    public void Stop() => _stopped = true;

    private void Add(long version, TEntry entry, DateTimeOffset at) => _unpublished.Add(ToStreamEvent(version, entry, at));

    private StreamEvent ToStreamEvent(long version, TEntry entry, DateTimeOffset at)
        => new(StreamEvent.IdOf(_source, version), _source, version, at, toEvent(entry));

    private void EnsurePublishing()
    {
        if (_publishing.IsCompleted && (_unpublished.Count > 0 || _publishedThrough > _markedThrough) && !_stopped)
        {
            _publishing = PublishLoopAsync();
        }
    }

    private async Task PublishLoopAsync()
    {
        var delay = FirstRetryDelay;
        var batchesSinceMark = 0;
        while (!_stopped && (_unpublished.Count > 0 || _publishedThrough > _markedThrough))
        {
            try
            {
                // Taking published versions out of the outbox is a write of its own: done once the backlog is out
                // (or every few batches under steady load), not per batch. A crash before it only republishes them.
                if (_unpublished.Count > 0 && batchesSinceMark < BatchesPerMark)
                {
                    var batch = _unpublished.GetRange(0, Math.Min(maxEventsPerPublish, _unpublished.Count));
                    await stream.OnNextBatchAsync(batch);
                    _unpublished.RemoveRange(0, batch.Count);
                    _publishedThrough = batch[^1].Version;
                    batchesSinceMark++;
                }
                else
                {
                    var through = _publishedThrough;
                    await storage.MarkPublishedAsync(grainId, through);
                    _markedThrough = through;
                    batchesSinceMark = 0;
                }

                delay = FirstRetryDelay;
            }
            catch (Exception exception)
            {
                JournalingLog.PublishFailed(logger, grainId, _unpublished.Count > 0 ? _unpublished[0].Version : _publishedThrough, delay, exception);
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }
}
