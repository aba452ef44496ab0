using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;
using Shop.Journaling;

namespace Shop.Grains.Catalog;

/// <summary>
/// One product. A change is first drafted (durably), then its SKUs are claimed on their SKU grains, then it is published,
/// or abandoned when a SKU belongs to another product. Because the draft is durable before any SKU is touched, a crash
/// in between is finished by the product itself when it is next activated, and no SKU is ever held by a product that
/// has no record of wanting it. The journal is the outbox: published and deleted products reach the read models through
/// the <see cref="CatalogStreams.Products"/> stream. A product page is one call: the product keeps its SKUs' availability
/// for <see cref="CatalogOptions.AvailabilityFreshness"/>, and readers arriving while it is being read share that read.
/// </summary>
[GrainType("product")]
[LogConsistencyProvider(ProviderName = JournalNames.LogConsistencyProvider)]
public sealed class ProductGrain(ILogger<ProductGrain> logger, IOptions<CatalogOptions> options, TimeProvider time)
    : DurableJournaledGrain<ProductState, ProductEvent>, IProductGrain
{
    private readonly TimeSpan _availabilityFreshness = options.Value.AvailabilityFreshness;

    // The last view shown and when its availability was read; any change of the product makes a new version, so a view
    // never outlives the document it was made from.
    private ProductView? _view;
    private long _availabilityReadAt;
    private Task<ProductView>? _viewing;

    private long ProductId => this.GetPrimaryKeyLong();

    protected override string? EventStreamNamespace => CatalogStreams.Products;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Draft is not null)
        {
            CatalogLog.FinishingInterruptedDraft(logger, ProductId);
            try
            {
                await CompleteDraftAsync();
            }
            catch (SkuTakenException)
            {
                // The draft was abandoned, as it would have been had the crash not interrupted it.
            }
        }
    }

    public async Task<ProductDetails> CreateAsync(ProductDocument document)
    {
        Validate(document);
        if (State.Document is not null || State.Deleted)
        {
            throw new InvalidOperationException($"Product {ProductId} already exists; new products take a new id.");
        }

        return await PublishAsync(document);
    }

    public async Task<ProductDetails> ReplaceAsync(ProductDocument document)
    {
        Validate(document);
        if (!State.Exists)
        {
            throw new ProductNotFoundException(ProductId);
        }

        return await PublishAsync(document);
    }

    public async Task DeleteAsync()
    {
        if (!State.Exists)
        {
            throw new ProductNotFoundException(ProductId);
        }

        // Off sale first: a crash before the deletion is durable leaves a product that cannot be ordered, never a
        // deleted product whose SKUs still sell. The claims stay until another product asks for the SKU.
        await Task.WhenAll(State.Document!.Skus.Select(sku => GrainFactory.GetGrain<ISkuGrain>(sku).WithdrawAsync(ProductId)));
        RaiseEvent(new ProductEvent(ProductEventKind.Deleted, ProductId, null, null, null, DateTimeOffset.UtcNow));
        await ConfirmAsync();
        CatalogLog.Deleted(logger, ProductId);
    }

    public Task<ProductDetails?> GetAsync() => Task.FromResult(State.Exists ? Details() : null);

    public async Task<ProductView?> ViewAsync()
    {
        if (!State.Exists)
        {
            return null;
        }

        if (_view is { } view && view.Version == Version && time.GetElapsedTime(_availabilityReadAt) < _availabilityFreshness)
        {
            return view;
        }

        if (_viewing is null || _viewing.IsCompleted)
        {
            _viewing = ReadViewAsync();
        }

        return await _viewing;
    }

    private async Task<ProductView> ReadViewAsync()
    {
        var version = Version;
        var readAt = time.GetTimestamp();
        var details = Details();
        var listings = await Task.WhenAll(details.Document.Variants.Select(v => GrainFactory.GetGrain<ISkuGrain>(v.Sku).GetListingAsync()));
        var view = new ProductView(details, version, [.. listings.Select(l => l is { OnSale: true } && l.ProductId == ProductId ? l.Available : 0)]);
        if (version == Version)
        {
            (_view, _availabilityReadAt) = (view, readAt);
        }

        return view;
    }

    private ProductDetails Details() =>
        _view is { } view && view.Version == Version
            ? view.Product
            : new ProductDetails(ProductId, State.Document!, State.CreatedAt, State.UpdatedAt, State.Breadcrumbs);

    /// <remarks>
    /// Interleaves with a change in progress (which may be the very change waiting for this answer): a SKU named by a
    /// pending draft counts as sold, and one this product neither sells nor drafts is given up here and now.
    /// </remarks>
    public async Task<bool> SellsAsync(string sku)
    {
        if (TentativeState.Sells(sku) || TentativeState.Draft?.Document?.Skus.Contains(sku) == true)
        {
            return true;
        }

        await GrainFactory.GetGrain<ISkuGrain>(sku).ReleaseClaimAsync(ProductId);
        return false;
    }

    protected override void Apply(ProductState state, ProductEvent entry) => state.Apply(entry);

    private static void Validate(ProductDocument document)
    {
        var errors = ProductRules.Validate(document);
        if (errors.Count > 0)
        {
            throw new InvalidProductException(errors);
        }
    }

    private async Task<ProductDetails> PublishAsync(ProductDocument document)
    {
        var placement = await GrainFactory.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key).PlaceAsync(document.CategoryIds, document.PrimaryCategoryId);
        RaiseEvent(new ProductEvent(ProductEventKind.Drafted, ProductId, document, placement.CategoryPaths, placement.Breadcrumbs, DateTimeOffset.UtcNow));
        await ConfirmAsync();
        await CompleteDraftAsync();
        return Details();
    }

    /// <summary>Claims the draft's SKUs; publishes it when every one is this product's, abandons it (and undoes the claims) otherwise.</summary>
    private async Task CompleteDraftAsync()
    {
        var draft = State.Draft!;
        var document = draft.Document!;
        var previous = State.Exists ? State.Document : null;
        var claims = await Task.WhenAll(document.Variants.Select(ClaimAsync));
        var taken = claims.FirstOrDefault(c => c.Outcome == SkuClaimOutcome.Taken);
        if (taken is not null)
        {
            await UndoClaimsAsync(document, previous);
            RaiseEvent(draft with { Kind = ProductEventKind.DraftAbandoned, Document = null, CategoryPaths = null, Breadcrumbs = null, At = DateTimeOffset.UtcNow });
            await ConfirmAsync();
            throw new SkuTakenException(taken.Sku, taken.OwnerProductId);
        }

        RaiseEvent(draft with { Kind = ProductEventKind.Published, At = DateTimeOffset.UtcNow });
        await ConfirmAsync();

        // SKUs the new document no longer has are given up only now that it is durable, so that a crash before this
        // point leaves them with the product that still sells them.
        if (previous is not null)
        {
            var dropped = previous.Skus.Except(document.Skus).ToList();
            await Task.WhenAll(dropped.Select(sku => GrainFactory.GetGrain<ISkuGrain>(sku).ReleaseClaimAsync(ProductId)));
        }

        CatalogLog.Published(logger, ProductId, document.Variants.Count);
    }

    /// <summary>
    /// Claims one SKU. When another product holds it, that product is asked whether it still sells it: one that does not
    /// (its change was abandoned, or it was deleted) gives it up, and the claim is tried once more.
    /// </summary>
    private async Task<ClaimAnswer> ClaimAsync(ProductVariant variant)
    {
        var sku = GrainFactory.GetGrain<ISkuGrain>(variant.Sku);
        var claim = await sku.ClaimAsync(ProductId, variant.Price, variant.InitialStock, variant.PerUserLimit);
        if (claim.Outcome == SkuClaimOutcome.Taken && !await GrainFactory.GetGrain<IProductGrain>(claim.OwnerProductId).SellsAsync(variant.Sku))
        {
            claim = await sku.ClaimAsync(ProductId, variant.Price, variant.InitialStock, variant.PerUserLimit);
        }

        return new ClaimAnswer(variant.Sku, claim.Outcome, claim.OwnerProductId);
    }

    /// <summary>Gives up SKUs claimed only for the draft, and puts back the previous prices of those the product already sold.</summary>
    private Task UndoClaimsAsync(ProductDocument draft, ProductDocument? previous) =>
        Task.WhenAll(draft.Variants.Select(variant =>
        {
            var sku = GrainFactory.GetGrain<ISkuGrain>(variant.Sku);
            return previous?.Variants.FirstOrDefault(v => v.Sku == variant.Sku) is { } kept
                ? sku.ClaimAsync(ProductId, kept.Price, kept.InitialStock, kept.PerUserLimit)
                : sku.ReleaseClaimAsync(ProductId);
        }));

    private sealed record ClaimAnswer(string Sku, SkuClaimOutcome Outcome, long OwnerProductId);
}
