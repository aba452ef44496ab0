using Microsoft.Extensions.Logging;

namespace Shop.Grains.Catalog;

internal static partial class CatalogLog
{
    [LoggerMessage(2000, LogLevel.Information, "Product {ProductId} published with {Variants} variants")]
    public static partial void Published(ILogger logger, long productId, int variants);

    [LoggerMessage(2001, LogLevel.Information, "Product {ProductId} deleted")]
    public static partial void Deleted(ILogger logger, long productId);

    [LoggerMessage(2002, LogLevel.Warning, "Product {ProductId} was activated with a change a crash interrupted; finishing it")]
    public static partial void FinishingInterruptedDraft(ILogger logger, long productId);
}
