using MySqlConnector;
using Shop.Grains.Interfaces.Catalog;
using Shop.ReadModels.Common;

namespace Shop.ReadModels.MySql;

/// <summary>The InnoDB reads of <see cref="MySqlCatalogReadModel"/>: versions and category listings.</summary>
/// <remarks>
/// A listing is an equality on <c>catalog_product_categories</c> (which holds every category a product is in or
/// under), read in index order: newest first is product id descending, so a page costs its own rows however large
/// the category is. The total is a COUNT over the same index range, sent in the same round trip.
/// </remarks>
internal static class MySqlCatalogQueries
{
    public static async Task<long?> GetVersionAsync(MySqlConnection connection, long productId, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT version FROM catalog_products WHERE product_id = @id", connection);
        command.Parameters.AddWithValue("@id", productId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    public static async Task<ProductPage> ListByCategoryAsync(MySqlConnection connection, string path, bool includeDescendants, PageRequest page, CancellationToken cancellationToken)
    {
        var own = includeDescendants ? "" : " AND c.is_own = 1";
        await using var command = new MySqlCommand(
            $"""
            SELECT COUNT(*) FROM catalog_product_categories c WHERE c.category_path = @path{own};
            SELECT p.product_id, p.title, p.brand, p.primary_category_id, p.min_price_units, p.currency, p.main_image_url
            FROM catalog_product_categories c JOIN catalog_products p ON p.product_id = c.product_id
            WHERE c.category_path = @path{own}
            ORDER BY c.product_id DESC
            LIMIT @limit OFFSET @offset
            """,
            connection);
        command.Parameters.AddWithValue("@path", path);
        command.Parameters.AddWithValue("@limit", page.PageSize);
        command.Parameters.AddWithValue("@offset", page.Offset);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<ProductSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new ProductSummary(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                new Money(PriceUnits.ToAmount(reader.GetInt64(4)), reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return new ProductPage(items, page.Page, page.PageSize, total);
    }
}
