using Shop.Grains.ReadModels;

namespace Shop.ReadModels.Common;

/// <summary>
/// Checks an <see cref="ICatalogReadModel.ApplyAsync"/> call before it joins a batch, so that a malformed change fails
/// its own caller at once instead of failing a shared transaction (and being found only when the batch is split).
/// </summary>
internal static class ChangeValidation
{
    /// <summary>The longest currency code accepted.</summary>
    public const int MaxCurrencyLength = 16;

    /// <summary>The longest search text accepted, in UTF-16 units (MariaDB keeps it in a MEDIUMTEXT of 16 MiB).</summary>
    public const int MaxSearchTextLength = 4 * 1024 * 1024;

    public static void Validate(IReadOnlyList<CatalogChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            if (change is null)
            {
                throw new ArgumentException("A catalog change is null.", nameof(changes));
            }

            // Versions are journal positions, never negative. The MariaDB writer also relies on it: its placeholder
            // row for a new product has version long.MinValue, which a change must beat to be applied.
            if (change.Version < 0)
            {
                throw Invalid(change, "its version is negative");
            }

            if (change.Listing is not { } listing)
            {
                continue;
            }

            if (listing.ProductId != change.ProductId || listing.Version != change.Version)
            {
                throw Invalid(change, "its listing names another product or version than the change itself");
            }

            if (listing.Title is null || listing.Brand is null || listing.SearchText is null || listing.CategoryPaths is null || listing.MinPrice is null)
            {
                throw Invalid(change, "its listing lacks a title, brand, search text, category paths or price");
            }

            if (listing.Brand.Length > BrandKey.MaxLength)
            {
                throw Invalid(change, $"its brand is longer than {BrandKey.MaxLength} characters");
            }

            if (listing.SearchText.Length > MaxSearchTextLength)
            {
                throw Invalid(change, $"its search text is longer than {MaxSearchTextLength} characters");
            }

            if (string.IsNullOrEmpty(listing.MinPrice.Currency) || listing.MinPrice.Currency.Length > MaxCurrencyLength)
            {
                throw Invalid(change, $"its price has no currency or one longer than {MaxCurrencyLength} characters");
            }

            if (!PriceUnits.TryToUnits(listing.MinPrice.Amount, out _))
            {
                throw Invalid(change, $"its price is beyond ±{PriceUnits.MaxAmount}");
            }

            foreach (var path in listing.CategoryPaths)
            {
                if (!CategoryPath.IsValid(path))
                {
                    throw Invalid(change, $"'{path}' is not a category path (category ids joined by '/')");
                }
            }
        }
    }

    private static ArgumentException Invalid(CatalogChange change, string reason)
        => new($"The catalog change of product {change.ProductId} at version {change.Version} cannot be applied: {reason}.", "changes");
}
