namespace Shop.Grains.Interfaces.Operations;

/// <summary>How far a read model is behind the events it is built from.</summary>
/// <param name="Name">The read model: <see cref="Catalog"/> or <see cref="Orders"/>.</param>
/// <param name="Lag">Of the last change applied: from its commit at the producer to its commit in the read model; zero before any.</param>
/// <param name="MeasuredAt">When that lag was seen first; null before any change was applied.</param>
[GenerateSerializer, Immutable, Alias("shop.ReadModelLag")]
public sealed record ReadModelLag(
    [property: Id(0)] string Name,
    [property: Id(1)] TimeSpan Lag,
    [property: Id(2)] DateTimeOffset? MeasuredAt)
{
    /// <summary>Listings and search, fed by the products stream.</summary>
    public const string Catalog = "catalog";

    /// <summary>Order lists and the saga supervisor's due list, fed by the orders stream.</summary>
    public const string Orders = "orders";
}
