using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Shop.Providers.Kafka;

/// <summary>
/// Told by Orleans when it gives up delivering a message to a subscriber. Logs it at Error level (handlers
/// dead-letter what they cannot process themselves; this is the transport's last word) and keeps the
/// subscription alive, so that one stuck consumer does not stop the partition.
/// </summary>
internal sealed class KafkaStreamFailureHandler : IStreamFailureHandler
{
    private readonly ILogger _logger;

    public KafkaStreamFailureHandler(ILogger logger) => _logger = logger;

    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        KafkaLog.DeliveryFailed(_logger, streamProviderName, streamIdentity.ToString(), sequenceToken?.ToString(), subscriptionId.ToString());
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        KafkaLog.SubscriptionFailed(_logger, streamProviderName, streamIdentity.ToString(), sequenceToken?.ToString(), subscriptionId.ToString());
        return Task.CompletedTask;
    }
}
