using System.Text.Json.Serialization;

namespace Shop.Grains.Interfaces.Catalog;

/// <summary>
/// One line of a product's journal, and the event consumers of the <c>products</c> stream receive (in order per product).
/// <see cref="Document"/>, <see cref="CategoryPaths"/> and <see cref="Breadcrumbs"/> come with <see cref="ProductEventKind.Drafted"/>
/// and <see cref="ProductEventKind.Published"/> lines.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.ProductEvent")]
public sealed record ProductEvent(
    [property: Id(0)] ProductEventKind Kind,
    [property: Id(1)] long ProductId,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProductDocument? Document,
    [property: Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? CategoryPaths,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Category>? Breadcrumbs,
    [property: Id(5)] DateTimeOffset At);
