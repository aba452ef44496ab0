using System.Globalization;
using Shop.Grains.Interfaces.Inventory;

namespace Shop.TestSilo;

/// <summary>The verbs a test can send to the child silo (see Shop.TestKit.ChildSilo).</summary>
internal sealed class TestSiloCommands(IGrainFactory grains)
{
    public async Task<string> RunAsync(string verb, string arguments)
    {
        var parts = arguments.Split(' ', 2);
        return verb switch
        {
            "write" => await grains.GetGrain<INoteGrain>(parts[0]).WriteAsync(parts[1]),
            "read" => await grains.GetGrain<INoteGrain>(parts[0]).ReadAsync() ?? "<none>",
            "stock" => (await grains.GetGrain<ISkuGrain>(parts[0]).SetStockAsync(int.Parse(parts[1], CultureInfo.InvariantCulture), "test")).Stock.ToString(CultureInfo.InvariantCulture),
            "reserve" => await ReserveAsync(parts[0], parts[1]),
            "sku" => await DescribeSkuAsync(parts[0]),
            _ => throw new ArgumentException($"Unknown verb '{verb}'."),
        };
    }

    // "reserve <sku> <orderId>": one unit for user-of-<orderId>; answers the status and whether it repeated.
    private async Task<string> ReserveAsync(string sku, string orderId)
    {
        var result = await grains.GetGrain<ISkuGrain>(sku).ReserveAsync(orderId, $"user-of-{orderId}", 1);
        return $"{result.Status} {result.Repeated}";
    }

    // "sku <sku>": reserved count and reconciliation, e.g. "reserved=42 insync=True".
    private async Task<string> DescribeSkuAsync(string sku)
    {
        var grain = grains.GetGrain<ISkuGrain>(sku);
        var view = await grain.GetViewAsync();
        var report = await grain.ReconcileAsync();
        return $"reserved={view.Reserved} insync={report.InSync}";
    }
}
