using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Shop.Streaming;

/// <summary>
/// Orleans' hook for an event its pulling agent could not deliver (the consumer kept throwing past
/// <see cref="EventHandling"/>, or could not be activated) before moving on: recorded as a dead letter so that
/// the failure is seen. Orleans hands over only the position, not the event, so such a letter names the stream
/// and position and cannot be replayed; consumers that use <see cref="EventHandling"/> dead-letter the event
/// itself before it ever gets here.
/// </summary>
public sealed class DeadLetterDeliveryFailureHandler(IDeadLetterStore deadLetters, TimeProvider time, ILogger<DeadLetterDeliveryFailureHandler> logger)
    : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        var position = sequenceToken?.ToString() ?? "unknown position";
        var id = await deadLetters.AddAsync(new DeadLetter(
            0,
            EventId: null,
            streamProviderName,
            streamIdentity.GetNamespace(),
            streamIdentity.GetKeyAsString(),
            EventType: "unknown (undelivered)",
            Payload: [],
            PayloadIsRaw: true,
            Consumer: $"subscription {subscriptionId.Guid}",
            Error: $"Orleans could not deliver the event at {position} and moved on.",
            Attempts: 0,
            time.GetUtcNow(),
            DeadLetterStatus.Open));
        StreamingLog.DeliveryFailed(logger, subscriptionId.Guid, streamProviderName, streamIdentity, position, id);
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
        => OnDeliveryFailure(subscriptionId, streamProviderName, streamIdentity, sequenceToken);
}
