namespace Shop.Grains.Interfaces.Inventory;

[GenerateSerializer]
public enum SkuClaimOutcome
{
    /// <summary>The SKU now belongs to the product and is on sale at the price given.</summary>
    Claimed,
    /// <summary>It already belonged to the product; it is on sale at the price given.</summary>
    AlreadyClaimed,
    /// <summary>Another product (<see cref="SkuClaim.OwnerProductId"/>) sells it; nothing changed.</summary>
    Taken,
}

[GenerateSerializer, Immutable, Alias("shop.SkuClaim")]
public sealed record SkuClaim(
    [property: Id(0)] SkuClaimOutcome Outcome,
    [property: Id(1)] long OwnerProductId);
