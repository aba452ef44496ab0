using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.ReadModels;

namespace Shop.Grains.Orders;

/// <summary>Order lists, answered from the orders read model by a stateless worker on the silo that takes the call.</summary>
[StatelessWorker]
public sealed class OrderQueryGrain(IOrderReadModel readModel, IOptions<OrderOptions> options, TimeProvider time) : Grain, IOrderQueryGrain
{
    public Task<OrderPage> ListForUserAsync(string userId, int page, int pageSize) => readModel.ListForUserAsync(userId, page, pageSize);

    public Task<IReadOnlyList<OrderSummary>> ListStuckAsync(int limit) =>
        readModel.ListStuckAsync(time.GetUtcNow() - options.Value.StuckAfter, limit);
}
