namespace Shop.Grains.Interfaces.Inventory;

/// <summary>An admin tried to set a per-user limit below what a user already holds or bought.</summary>
[GenerateSerializer, Alias("shop.PerUserLimitBelowHoldingsException")]
public sealed class PerUserLimitBelowHoldingsException(string sku, int requested, int largestHolding)
    : Exception($"The per-user limit of {sku} cannot be {requested}: a user already holds {largestHolding} units.")
{
    [Id(0)]
    public string Sku { get; } = sku;

    [Id(1)]
    public int Requested { get; } = requested;

    [Id(2)]
    public int LargestHolding { get; } = largestHolding;
}
