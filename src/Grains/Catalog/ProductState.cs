using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.Catalog;

/// <summary>
/// A product: its published document (null before the first publication and after deletion) and, while a change is
/// being made, the draft whose SKUs are being claimed. Changes only through <see cref="Apply"/>.
/// </summary>
[GenerateSerializer]
public sealed class ProductState
{
    [Id(0)]
    public ProductDocument? Document { get; set; }

    [Id(1)]
    public IReadOnlyList<Category> Breadcrumbs { get; set; } = [];

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(3)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(4)]
    public bool Deleted { get; set; }

    /// <summary>A change begun and not yet published or abandoned (a crash interrupted it when this is set on activation).</summary>
    [Id(5)]
    public ProductEvent? Draft { get; set; }

    public bool Exists => Document is not null && !Deleted;

    public bool Sells(string sku) => Exists && Document!.Variants.Any(v => v.Sku == sku);

    public void Apply(ProductEvent line)
    {
        switch (line.Kind)
        {
            case ProductEventKind.Drafted:
                if (Deleted)
                {
                    throw new InvalidOperationException($"Product {line.ProductId} is deleted; it cannot be drafted.");
                }

                Draft = line;
                break;
            case ProductEventKind.Published:
                if (Draft is null)
                {
                    throw new InvalidOperationException($"Product {line.ProductId} publishes without a draft.");
                }

                if (Document is null)
                {
                    CreatedAt = line.At;
                }

                Document = line.Document;
                Breadcrumbs = line.Breadcrumbs ?? [];
                UpdatedAt = line.At;
                Draft = null;
                break;
            case ProductEventKind.DraftAbandoned:
                Draft = null;
                break;
            case ProductEventKind.Deleted:
                Deleted = true;
                Draft = null;
                UpdatedAt = line.At;
                break;
            default:
                throw new InvalidOperationException($"Unknown product journal line {line.Kind}.");
        }
    }
}
