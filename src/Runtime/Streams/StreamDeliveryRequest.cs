using Shop.Runtime.Messaging;

namespace Shop.Runtime.Streams;

/// <summary>One delivery of a stream event to a subscribing grain, taking its turn like any call.</summary>
internal sealed class StreamDeliveryRequest(StreamSubscription subscription, object item, StreamEventContext context, long deadlineTimestamp)
    : GrainRequest(interleave: false, keepAlive: true, deadlineTimestamp)
{
    public override string Name => $"{subscription.GrainClass.GrainClass.Name}.OnNextAsync";

    public override async Task<object?> InvokeAsync(object grain, CancellationToken cancellationToken)
    {
        await subscription.InvokeAsync(grain, item, context);
        return null;
    }
}
