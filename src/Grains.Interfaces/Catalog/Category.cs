using System.Text.Json.Serialization;

namespace Shop.Grains.Interfaces.Catalog;

/// <summary>
/// A node of the category tree. <see cref="Level"/> is 0 for a root; <see cref="Path"/> is the ids from the root down to
/// this one joined by <c>/</c> (<c>"1/4/28"</c>), so "this category and everything under it" is a prefix match.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.Category")]
public sealed record Category(
    [property: Id(0)] int CategoryId,
    [property: Id(1)] string Name,
    [property: Id(2)] int? ParentId,
    [property: Id(3)] int Level,
    [property: Id(4)] string Path)
{
    /// <summary>The paths of the category's descendants all start with this.</summary>
    [JsonIgnore]
    public string DescendantPrefix => Path + "/";
}
