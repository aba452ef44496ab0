using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.ReadModels;
using Shop.Streaming;

namespace Shop.Grains.Orders;

/// <summary>
/// Keeps one order's row of the orders read model in step with its events. Whatever the event, the row is written from
/// the order as it is now, guarded by its version: a redelivered, replayed or late event never takes the row back.
/// </summary>
[ImplicitStreamSubscription(OrderStreams.Orders)]
[CollectionAgeLimit(Minutes = 2)]
public sealed class OrderProjectionGrain(IOrderReadModel readModel, EventHandling handling, OrderReadModelMetrics metrics, TimeProvider time)
    : Grain, IOrderProjectionGrain, IStreamSubscriptionObserver, IAsyncObserver<StreamEvent>
{
    private readonly HandledEvents _handled = new();

    // The version of the order last written: events up to it are already in the row (it is written from the order as
    // it is now, not from the event), so the burst of events one saga step publishes costs one write.
    private long _written;

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<StreamEvent>().ResumeAsync(this);

    public Task OnNextAsync(StreamEvent item, StreamSequenceToken? token = null) =>
        handling.HandleAsync(item, StreamId.Create(OrderStreams.Orders, this.GetPrimaryKeyString()), this.GetGrainId().ToString(), _handled, ProjectAsync);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private async Task ProjectAsync(StreamEvent item)
    {
        if (item.Version <= _written)
        {
            return;
        }

        if (await GrainFactory.GetGrain<IOrderGrain>(this.GetPrimaryKeyString()).GetAsync() is { } order)
        {
            await readModel.UpsertAsync(order);
            _written = order.Version;
            metrics.OrderApplied(time.GetUtcNow() - item.RecordedAt);
        }
    }
}

/// <summary>The order projection's grain interface (it has no calls of its own: it only consumes the orders stream).</summary>
public interface IOrderProjectionGrain : IGrainWithStringKey;
