using Shop.Grains.Interfaces.Catalog;

namespace Shop.Grains.ReadModels;

/// <summary>
/// The catalog's read side: a table of listed products queried by category path, and a full-text index over the
/// same rows. Fed by the catalog projection from product events; never written by the product grains directly.
/// Implementations live outside the grains (SQLite FTS5 trigram in the embedded default, MariaDB Mroonga in a cluster).
/// </summary>
public interface ICatalogReadModel
{
    /// <summary>
    /// Applies the changes, each only if newer than the version held for its product. Safe to call concurrently from
    /// many grains: concurrent calls may share one transaction, and each call returns only once its changes are committed.
    /// </summary>
    Task ApplyAsync(IReadOnlyList<CatalogChange> changes, CancellationToken cancellationToken = default);

    /// <summary>The version the read model holds for a product (its tombstone's, once removed), or null if it never saw it.</summary>
    Task<long?> GetVersionAsync(long productId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Listed products in the category at <paramref name="categoryPath"/> (and, with <paramref name="includeDescendants"/>,
    /// in every category under it), newest first, one page (1-based) with the total count.
    /// </summary>
    Task<ProductPage> ListByCategoryAsync(string categoryPath, bool includeDescendants, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Listed products matching the query, best match first (each with its score), one page with the total count.</summary>
    Task<ProductPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);
}
