using Orleans.Concurrency;
using Orleans.Providers;
using Shop.Grains.Inventory;
using Shop.Journaling;

namespace Shop.Bench;

/// <summary>
/// Diagnosis only: the path of <c>SkuGrain.ReserveAsync</c> (reentrant <see cref="DurableJournaledGrain{TState,TEntry}"/>,
/// same ledger lines, same journal storage, decided on <c>TentativeState</c>, answered after the commit) on a state
/// that does not grow: stock and reserved counts, no per-order or per-user dictionaries. Comparing it with SkuGrain
/// separates the cost of the grain call and the journal from the cost that grows with the state.
/// </summary>
public interface ICounterSkuGrain : IGrainWithStringKey
{
    Task<bool> ReserveAsync(string orderId, string userId, int quantity);

    Task SetStockAsync(int stock);

    Task<int> GetReservedAsync();
}

[GenerateSerializer]
public sealed class CounterSkuState
{
    [Id(0)]
    public int Stock { get; set; }

    [Id(1)]
    public int Reserved { get; set; }
}

[Reentrant]
[LogConsistencyProvider(ProviderName = JournalNames.LogConsistencyProvider)]
public sealed class CounterSkuGrain : DurableJournaledGrain<CounterSkuState, LedgerEntry>, ICounterSkuGrain
{
    public async Task<bool> ReserveAsync(string orderId, string userId, int quantity)
    {
        var state = TentativeState;
        if (state.Reserved + quantity > state.Stock)
        {
            return false;
        }

        RaiseEvent(new LedgerEntry(LedgerEntryKind.Reserved, orderId, userId, quantity, userId, null, DateTimeOffset.UtcNow, state.Stock, state.Reserved + quantity, 0, null));
        await ConfirmAsync();
        return true;
    }

    public async Task SetStockAsync(int stock)
    {
        var state = TentativeState;
        RaiseEvent(new LedgerEntry(LedgerEntryKind.StockSet, null, null, stock - state.Stock, "bench", "stock set", DateTimeOffset.UtcNow, stock, state.Reserved, 0, null));
        await ConfirmAsync();
    }

    public async Task<int> GetReservedAsync()
    {
        await ConfirmAsync();
        return State.Reserved;
    }

    protected override void Apply(CounterSkuState state, LedgerEntry entry)
    {
        state.Stock = entry.Stock;
        state.Reserved = entry.Reserved;
    }
}
