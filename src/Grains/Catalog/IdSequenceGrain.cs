using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Catalog;

/// <summary>Ids of one kind, handed out only once the new high-water mark is durable, so no id is ever given twice.</summary>
public sealed class IdSequenceGrain([PersistentState("id-sequence")] IPersistentState<IdSequenceState> sequence)
    : Grain, IIdSequenceGrain
{
    public const int MaxBlock = 100_000;

    public async Task<long> NextAsync(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxBlock);
        var first = sequence.State.Last + 1;
        sequence.State.Last += count;
        try
        {
            await sequence.WriteStateAsync();
        }
        catch
        {
            sequence.State.Last = first - 1;
            throw;
        }

        return first;
    }
}
