namespace Shop.Grains.Interfaces.Catalog;

/// <summary>
/// A search (API.md, Search). <see cref="Text"/> is plain text: words are matched as parts of words, case-insensitively,
/// and characters that mean something to a query language mean nothing here. <see cref="CategoryPath"/> restricts to a
/// category and its descendants; prices compare with the product's lowest variant price.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.SearchQuery")]
public sealed record SearchQuery(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? CategoryPath,
    [property: Id(2)] string? Brand,
    [property: Id(3)] decimal? MinPrice,
    [property: Id(4)] decimal? MaxPrice,
    [property: Id(5)] int Page,
    [property: Id(6)] int PageSize);
