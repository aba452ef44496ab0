using Microsoft.Extensions.Logging;

namespace Shop.Grains.Inventory;

internal static partial class InventoryLog
{
    [LoggerMessage(1000, LogLevel.Information, "Stock of {Sku} set to {Stock} by {Actor}")]
    public static partial void StockSet(ILogger logger, string sku, int stock, string actor);

    [LoggerMessage(1001, LogLevel.Information, "Per-user limit of {Sku} set to {Limit} by {Actor}")]
    public static partial void PerUserLimitSet(ILogger logger, string sku, int? limit, string actor);

    [LoggerMessage(1002, LogLevel.Critical, "Stock of {Sku} has drifted from its ledger: {Drift}")]
    public static partial void Drift(ILogger logger, string sku, string drift);
}
