namespace Shop.Grains.Interfaces.Inventory;

public enum SkuOrderChangeOutcome
{
    /// <summary>The change was made (and is durable).</summary>
    Applied,
    /// <summary>The order was already in the asked-for state: nothing changed.</summary>
    AlreadyApplied,
    /// <summary>This SKU has never seen the order: nothing changed.</summary>
    UnknownOrder,
    /// <summary>The order is in a state the change does not apply to (e.g. releasing a confirmed order).</summary>
    NotApplicable,
}

/// <summary>The answer to confirm, release and refund.</summary>
public sealed record SkuOrderChange(string Sku, string OrderId, SkuOrderChangeOutcome Outcome, SkuOrderStatus? Status);
