namespace Shop.Grains.Interfaces.Catalog;

/// <summary>What a product's journal records.</summary>
public enum ProductEventKind
{
    /// <summary>A creation or replacement was begun with this document; its SKUs are being claimed.</summary>
    Drafted,
    /// <summary>The drafted document is now the product's (created or replaced).</summary>
    Published,
    /// <summary>The draft was given up (a SKU belonged to another product); the previous document stays.</summary>
    DraftAbandoned,
    /// <summary>The product was taken off sale everywhere.</summary>
    Deleted,
}
