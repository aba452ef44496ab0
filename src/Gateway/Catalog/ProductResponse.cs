using Shop.Grains.Interfaces.Catalog;

namespace Shop.Gateway.Catalog;

/// <summary>A product as <c>GET /api/products/{id}</c> shows it: the document, its dates and breadcrumbs, and each variant's live availability.</summary>
public sealed record ProductResponse(
    long ProductId,
    string Title,
    string Description,
    string Brand,
    string Model,
    IReadOnlyList<int> CategoryIds,
    int PrimaryCategoryId,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<ProductImage> Images,
    IReadOnlyList<ProductVariantResponse> Variants,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<Category> CategoryBreadcrumbs)
{
    public static ProductResponse From(ProductView view)
    {
        var (product, document) = (view.Product, view.Product.Document);
        var variants = document.Variants.Zip(view.Available, (v, available) => new ProductVariantResponse(
                v.Sku, v.Price, v.Attributes, v.InitialStock, v.PerUserLimit, available))
            .ToList();
        return new ProductResponse(
            product.ProductId, document.Title, document.Description, document.Brand, document.Model, document.CategoryIds,
            document.PrimaryCategoryId, document.Attributes, document.Images, variants, product.CreatedAt, product.UpdatedAt,
            product.CategoryBreadcrumbs);
    }
}

public sealed record ProductVariantResponse(
    string Sku,
    Money Price,
    IReadOnlyDictionary<string, string> Attributes,
    int InitialStock,
    int? PerUserLimit,
    int Available);
