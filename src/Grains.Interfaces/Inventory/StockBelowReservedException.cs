namespace Shop.Grains.Interfaces.Inventory;

/// <summary>An admin tried to set stock lower than the units currently reserved.</summary>
[GenerateSerializer, Alias("shop.StockBelowReservedException")]
public sealed class StockBelowReservedException(string sku, int requested, int reserved)
    : Exception($"Stock of {sku} cannot be set to {requested}: {reserved} units are reserved.")
{
    [Id(0)]
    public string Sku { get; } = sku;

    [Id(1)]
    public int Requested { get; } = requested;

    [Id(2)]
    public int Reserved { get; } = reserved;
}
