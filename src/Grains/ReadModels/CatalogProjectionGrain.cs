using Orleans.Streams;
using Orleans.Streams.Core;
using Shop.Grains.Interfaces.Catalog;
using Shop.Streaming;

namespace Shop.Grains.ReadModels;

/// <summary>
/// Keeps the catalog read model (listings and search) in step with one product's events. The read model applies a
/// change only when it is newer than what it holds, so the version it stores is the handled-events window: a
/// redelivered or replayed event changes nothing, and no state of its own is needed here.
/// </summary>
[ImplicitStreamSubscription(CatalogStreams.Products)]
[CollectionAgeLimit(Minutes = 2)]
public sealed class CatalogProjectionGrain(ICatalogReadModel readModel, EventHandling handling, CatalogMetrics metrics, TimeProvider time)
    : Grain, ICatalogProjectionGrain, IStreamSubscriptionObserver, IAsyncObserver<StreamEvent>
{
    private readonly HandledEvents _handled = new();

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<StreamEvent>().ResumeAsync(this);

    public Task OnNextAsync(StreamEvent item, StreamSequenceToken? token = null) =>
        handling.HandleAsync(item, StreamId.Create(CatalogStreams.Products, this.GetPrimaryKeyString()), this.GetGrainId().ToString(), _handled, ApplyAsync);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private async Task ApplyAsync(StreamEvent item)
    {
        var productEvent = (ProductEvent)item.Payload;
        var change = productEvent.Kind switch
        {
            ProductEventKind.Published => CatalogChange.Upsert(ToListing(productEvent, item.Version)),
            ProductEventKind.Deleted => CatalogChange.Remove(productEvent.ProductId, item.Version),
            _ => null,
        };
        if (change is null)
        {
            return;
        }

        await readModel.ApplyAsync([change]);
        metrics.CatalogApplied(time.GetUtcNow() - item.RecordedAt);
    }

    private static ProductListing ToListing(ProductEvent published, long version)
    {
        var document = published.Document!;
        return new ProductListing(
            published.ProductId,
            version,
            document.Title,
            document.Brand,
            document.PrimaryCategoryId,
            published.CategoryPaths ?? [],
            document.MinPrice,
            document.MainImageUrl,
            SearchText(document),
            published.At);
    }

    /// <summary>Everything a shopper might type to find the product: its names, description, attribute values and SKUs.</summary>
    private static string SearchText(ProductDocument document) =>
        string.Join('\n', new[] { document.Title, document.Brand, document.Model, document.Description }
            .Concat(document.Attributes.Values)
            .Concat(document.Variants.SelectMany(v => v.Attributes.Values.Append(v.Sku)))
            .Where(s => !string.IsNullOrWhiteSpace(s)));
}
