namespace Shop.Grains.Interfaces.Catalog;

/// <summary>
/// What makes a product document acceptable. The gateway answers 400 with these errors; the product grain refuses the
/// same documents with <see cref="InvalidProductException"/>, so no caller can store one the rules reject.
/// </summary>
public static class ProductRules
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 10_000;
    public const int MaxNameLength = 100;
    public const int MaxVariants = 100;
    public const int MaxSkuLength = 64;
    public const int MaxImages = 20;
    public const int MaxUrlLength = 2_048;
    public const int MaxAttributes = 100;
    public const decimal MaxPrice = 1_000_000_000_000m;

    /// <summary>Field name (camelCase, as in the JSON body) to messages; empty when the document is acceptable.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(ProductDocument document)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        RequireText(document.Title, "title", MaxTitleLength, required: true, Add);
        RequireText(document.Description, "description", MaxTextLength, required: false, Add);
        RequireText(document.Brand, "brand", MaxNameLength, required: false, Add);
        RequireText(document.Model, "model", MaxNameLength, required: false, Add);

        if (document.CategoryIds.Count == 0)
        {
            Add("categoryIds", "At least one category is required.");
        }
        else if (!document.CategoryIds.Contains(document.PrimaryCategoryId))
        {
            Add("primaryCategoryId", "The primary category must be one of categoryIds.");
        }

        if (document.Attributes.Count > MaxAttributes)
        {
            Add("attributes", $"At most {MaxAttributes} attributes.");
        }

        if (document.Images.Count > MaxImages)
        {
            Add("images", $"At most {MaxImages} images.");
        }

        for (var i = 0; i < document.Images.Count; i++)
        {
            if (document.Images[i].Url is not { Length: <= MaxUrlLength } url
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                Add($"images[{i}].url", $"Must be an absolute http(s) URL of at most {MaxUrlLength} characters.");
            }
        }

        if (document.Variants.Count is 0 or > MaxVariants)
        {
            Add("variants", $"Between 1 and {MaxVariants} variants are required.");
        }

        var skus = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Variants.Count; i++)
        {
            var variant = document.Variants[i];
            if (!IsValidSku(variant.Sku))
            {
                Add($"variants[{i}].sku", $"1 to {MaxSkuLength} characters: letters, digits, '-', '_' or '.'.");
            }
            else if (!skus.Add(variant.Sku))
            {
                Add($"variants[{i}].sku", "Appears more than once in this product.");
            }

            if (variant.Price is null || variant.Price.Amount < 0 || variant.Price.Amount > MaxPrice)
            {
                Add($"variants[{i}].price.amount", $"Must be between 0 and {MaxPrice}.");
            }

            if (variant.Price is null || variant.Price.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
            {
                Add($"variants[{i}].price.currency", "Must be a three-letter ISO 4217 code such as KRW.");
            }

            if (variant.InitialStock is < 0 or > 100_000_000)
            {
                Add($"variants[{i}].initialStock", "Must be between 0 and 100000000.");
            }

            if (variant.PerUserLimit is < 1)
            {
                Add($"variants[{i}].perUserLimit", "Must be at least 1, or null for no limit.");
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    public static bool IsValidSku(string? sku) =>
        !string.IsNullOrEmpty(sku) && sku.Length <= MaxSkuLength && sku.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static void RequireText(string? value, string field, int max, bool required, Action<string, string> add)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            add(field, "Required.");
        }
        else if (value is not null && value.Length > max)
        {
            add(field, $"At most {max} characters.");
        }
    }
}
