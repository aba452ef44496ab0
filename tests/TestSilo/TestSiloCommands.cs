using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Shop.Grains.Interfaces.Inventory;
using Shop.Journaling;
using Shop.StreamingProbes;

namespace Shop.TestSilo;

/// <summary>The verbs a test can send to the child silo (see Shop.TestKit.ChildSilo).</summary>
internal sealed class TestSiloCommands(IGrainFactory grains, IServiceProvider services)
{
    public async Task<string> RunAsync(string verb, string arguments)
    {
        var parts = arguments.Split(' ', 2);
        return verb switch
        {
            "write" => await grains.GetGrain<INoteGrain>(parts[0]).WriteAsync(parts[1]),
            "read" => await grains.GetGrain<INoteGrain>(parts[0]).ReadAsync() ?? "<none>",
            "stock" => await StockAsync(grains.GetGrain<ISkuGrain>(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture)),
            "reserve" => await ReserveAsync(parts[0], parts[1]),
            "sku" => await DescribeSkuAsync(parts[0]),
            "emit" => await EmitAsync(arguments.Split(' ')),
            "version" => (await grains.GetGrain<IProbeProducerGrain>(parts[0]).GetVersionAsync()).ToString(CultureInfo.InvariantCulture),
            "handled" => string.Join(",", (await grains.GetGrain<IProbeConsumerGrain>(parts[0]).GetAsync()).Versions),
            "unpublished" => await services.GetRequiredService<IJournalStorage>().ReadFirstUnpublishedVersionAsync(GrainId.Create("probeproducer", parts[0])) is { } first
                ? first.ToString(CultureInfo.InvariantCulture)
                : "none",
            _ => throw new ArgumentException($"Unknown verb '{verb}'."),
        };
    }

    // "stock <sku> <n>": puts the SKU on sale for a test product and sets its stock; answers the stock.
    private static async Task<string> StockAsync(ISkuGrain sku, int stock)
    {
        await sku.ClaimAsync(1, new Shop.Grains.Interfaces.Catalog.Money(1000m, "KRW"), 0, null);
        return (await sku.SetStockAsync(stock, "test")).Stock.ToString(CultureInfo.InvariantCulture);
    }

    // "reserve <sku> <orderId>": one unit for user-of-<orderId>; answers the status and whether it repeated.
    private async Task<string> ReserveAsync(string sku, string orderId)
    {
        var result = await grains.GetGrain<ISkuGrain>(sku).ReserveAsync(orderId, $"user-of-{orderId}", 1);
        return $"{result.Status} {result.Repeated}";
    }

    // "emit <key> <count> <handlerDelayMs>": raises count probe events, answers the producer's version once committed.
    private async Task<string> EmitAsync(string[] args)
    {
        var version = await grains.GetGrain<IProbeProducerGrain>(args[0]).EmitAsync(
            int.Parse(args[1], CultureInfo.InvariantCulture), failTimes: 0, handlerDelayMs: int.Parse(args[2], CultureInfo.InvariantCulture));
        return version.ToString(CultureInfo.InvariantCulture);
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
