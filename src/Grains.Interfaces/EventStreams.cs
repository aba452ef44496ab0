using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Interfaces;

/// <summary>
/// Every stream namespace the commerce grains publish on: what a Kafka deployment must carry (one topic each). A grain
/// that starts publishing on a new namespace adds it here.
/// </summary>
public static class EventStreams
{
    public static IReadOnlyList<string> All { get; } = [CatalogStreams.Products, OrderStreams.Orders, OrderStreams.Payments];
}
