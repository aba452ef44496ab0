namespace Shop.Grains.Interfaces.Inventory;

/// <summary>An admin tried to set stock lower than the units currently reserved.</summary>
public sealed class StockBelowReservedException(string sku, int requested, int reserved)
    : Exception($"Stock of {sku} cannot be set to {requested}: {reserved} units are reserved.")
{
    public string Sku { get; } = sku;

    public int Requested { get; } = requested;

    public int Reserved { get; } = reserved;
}
