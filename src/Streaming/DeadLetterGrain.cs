using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Shop.Streaming;

/// <summary>
/// Dead letters for operators. One activation serializes the replays and discards, so a letter is replayed at most
/// once through it; a replay that fails after publishing (before the letter is marked) is harmless, as consumers
/// deduplicate by event id.
/// </summary>
public sealed class DeadLetterGrain(IDeadLetterStore deadLetters, Serializer serializer, ILogger<DeadLetterGrain> logger) : Grain, IDeadLetterGrain
{
    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterStatus? status, long afterId, int limit)
        => deadLetters.ListAsync(status, afterId, Math.Clamp(limit, 1, 1_000));

    public async Task<OpenDeadLetters> OpenAsync(int latest)
    {
        // The store lists oldest first and does not count: read the open letters through, keeping the last few. Read
        // here, next to the store, so that only those few travel to the caller.
        const int page = 1_000;
        var newest = new Queue<DeadLetter>();
        var keep = Math.Clamp(latest, 0, page);
        var count = 0;
        var afterId = 0L;
        while (count < OpenDeadLetters.MaxCounted)
        {
            var letters = await deadLetters.ListAsync(DeadLetterStatus.Open, afterId, page);
            foreach (var letter in letters)
            {
                newest.Enqueue(letter);
                if (newest.Count > keep)
                {
                    newest.Dequeue();
                }
            }

            count += letters.Count;
            if (letters.Count < page)
            {
                break;
            }

            afterId = letters[^1].Id;
        }

        return new OpenDeadLetters(count, [.. newest.Reverse()]);
    }

    public Task<DeadLetter?> GetAsync(long id) => deadLetters.GetAsync(id);

    public async Task ReplayAsync(long id)
    {
        var letter = await deadLetters.GetAsync(id) ?? throw new DeadLetterNotReplayableException(id, "there is no such dead letter");
        if (letter.Status != DeadLetterStatus.Open)
        {
            throw new DeadLetterNotReplayableException(id, $"it is {letter.Status.ToString().ToLowerInvariant()}");
        }

        if (letter.PayloadIsRaw || letter.StreamNamespace is null || letter.StreamKey is null)
        {
            throw new DeadLetterNotReplayableException(id, "it holds no readable event (discard it once understood)");
        }

        var streamEvent = serializer.Deserialize<StreamEvent>(letter.Payload)
            ?? throw new DeadLetterNotReplayableException(id, "its event could not be read");
        var streamId = StreamId.Create(letter.StreamNamespace, letter.StreamKey);
        await this.GetStreamProvider(letter.StreamProvider).GetStream<StreamEvent>(streamId).OnNextAsync(streamEvent);
        await deadLetters.CloseAsync(id, DeadLetterStatus.Replayed);
        StreamingLog.Replayed(logger, id, letter.EventId, streamId);
    }

    public async Task<bool> DiscardAsync(long id)
    {
        var discarded = await deadLetters.CloseAsync(id, DeadLetterStatus.Discarded);
        if (discarded)
        {
            StreamingLog.Discarded(logger, id);
        }

        return discarded;
    }
}
