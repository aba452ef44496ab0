namespace Shop.Grains.ReadModels;

/// <summary>The catalog read model's consumer of one product's events (key: the product id). It has no calls of its own: the stream drives it.</summary>
[Alias("shop.ICatalogProjectionGrain")]
public interface ICatalogProjectionGrain : IGrainWithStringKey;
