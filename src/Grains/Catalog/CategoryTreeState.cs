using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Catalog;

[GenerateSerializer]
public sealed class CategoryTreeState
{
    [Id(0)]
    public Dictionary<int, Category> Categories { get; set; } = [];

    [Id(1)]
    public int LastId { get; set; }
}
