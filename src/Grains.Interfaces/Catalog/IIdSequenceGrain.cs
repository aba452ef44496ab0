namespace Shop.Grains.Interfaces.Catalog;

/// <summary>
/// Hands out ids of one kind (key: the kind, e.g. <c>product</c>) in increasing blocks; an id is never handed out twice,
/// also across restarts, because the block is durable before it is returned.
/// </summary>
[Alias("shop.IIdSequenceGrain")]
public interface IIdSequenceGrain : IGrainWithStringKey
{
    /// <summary>Reserves <paramref name="count"/> consecutive ids and returns the first.</summary>
    Task<long> NextAsync(int count = 1);
}
