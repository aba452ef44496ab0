namespace Shop.Grains.Interfaces.Catalog;

/// <summary>The stream namespaces of the catalog (each a Kafka topic when streams run on Kafka).</summary>
public static class CatalogStreams
{
    /// <summary>Every product's journal events, one stream per product (key: the product id).</summary>
    public const string Products = "products";
}
