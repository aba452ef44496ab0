namespace Shop.Grains.Interfaces.Catalog;

/// <summary>An amount in a currency (API.md: <c>{ "amount": 12000, "currency": "KRW" }</c>).</summary>
[GenerateSerializer, Immutable, Alias("shop.Money")]
public sealed record Money(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] string Currency);
