using Shop.Grains.Interfaces.Catalog;

namespace Shop.Gateway.Catalog;

/// <summary>The body of <c>POST /api/admin/products</c> and <c>PUT /api/admin/products/{id}</c> (API.md, Catalog).</summary>
public sealed record ProductRequest(
    string? Title,
    string? Description,
    string? Brand,
    string? Model,
    List<int>? CategoryIds,
    int? PrimaryCategoryId,
    Dictionary<string, string>? Attributes,
    List<ProductImageRequest?>? Images,
    List<ProductVariantRequest?>? Variants)
{
    /// <summary>
    /// The document this body describes, or the errors that stop it from being one. Rules of content (lengths, SKU
    /// syntax, prices) are <see cref="ProductRules"/>'s; this only finds what JSON could not say (missing parts).
    /// </summary>
    public (ProductDocument? Document, IReadOnlyDictionary<string, string[]> Errors) ToDocument()
    {
        var missing = new Dictionary<string, string[]>();
        var variants = new List<ProductVariant>();
        for (var i = 0; i < (Variants?.Count ?? 0); i++)
        {
            if (Variants![i] is not { } variant)
            {
                missing[$"variants[{i}]"] = ["Required."];
            }
            else if (variant.Price is not { Amount: { } amount, Currency: { } currency })
            {
                missing[$"variants[{i}].price"] = ["Required, with amount and currency."];
            }
            else
            {
                variants.Add(new ProductVariant(variant.Sku ?? "", new Money(amount, currency), variant.Attributes ?? [], variant.InitialStock ?? 0, variant.PerUserLimit));
            }
        }

        if (PrimaryCategoryId is null)
        {
            missing["primaryCategoryId"] = ["Required."];
        }

        var images = new List<ProductImage>();
        for (var i = 0; i < (Images?.Count ?? 0); i++)
        {
            images.Add(Images![i] is { } image ? new ProductImage(image.Url ?? "", image.Main ?? false) : new ProductImage("", false));
        }

        var document = new ProductDocument(
            Title ?? "",
            Description ?? "",
            Brand ?? "",
            Model ?? "",
            CategoryIds ?? [],
            PrimaryCategoryId ?? 0,
            Attributes ?? [],
            images,
            variants);
        var errors = ProductRules.Validate(document).Concat(missing).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());
        return errors.Count == 0 ? (document, errors) : (null, errors);
    }
}

public sealed record ProductImageRequest(string? Url, bool? Main);

public sealed record ProductVariantRequest(
    string? Sku,
    MoneyRequest? Price,
    Dictionary<string, string>? Attributes,
    int? InitialStock,
    int? PerUserLimit);

public sealed record MoneyRequest(decimal? Amount, string? Currency);
