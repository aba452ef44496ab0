using Microsoft.Data.Sqlite;
using Shop.Grains.ReadModels;
using Shop.ReadModels.Common;

namespace Shop.ReadModels.Sqlite;

/// <summary>
/// The only code that writes the catalog file: applies a batch of changes (one per product, see
/// <see cref="LatestChanges"/>) in one transaction on its own connection, each only if newer than the version held.
/// </summary>
/// <remarks>
/// The product row, its category paths and its FTS5 row change in the same SQLite transaction, so listings and
/// search can never disagree. Statements are prepared once and reused for every row: with no network in between,
/// one row at a time is as fast as multi-row statements here. Only the group-commit loop calls it, one batch at a time.
/// </remarks>
internal sealed class SqliteCatalogWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _readVersion;
    private readonly SqliteCommand _upsertProduct;
    private readonly SqliteCommand _deletePaths;
    private readonly SqliteCommand _insertPath;
    private readonly SqliteCommand _deleteText;
    private readonly SqliteCommand _insertText;

    public SqliteCatalogWriter(SqliteConnection connection)
    {
        _connection = connection;
        _readVersion = Prepare("SELECT version FROM catalog_products WHERE product_id = $id;", "$id");
        _upsertProduct = Prepare(
            """
            INSERT INTO catalog_products (product_id, version, deleted, title, brand, brand_key, primary_category_id, min_price_units, currency, main_image_url, updated_at)
            VALUES ($id, $version, $deleted, $title, $brand, $brandKey, $category, $price, $currency, $image, $updatedAt)
            ON CONFLICT (product_id) DO UPDATE SET
                version = excluded.version, deleted = excluded.deleted, title = excluded.title, brand = excluded.brand,
                brand_key = excluded.brand_key, primary_category_id = excluded.primary_category_id,
                min_price_units = excluded.min_price_units, currency = excluded.currency,
                main_image_url = excluded.main_image_url, updated_at = excluded.updated_at;
            """,
            "$id", "$version", "$deleted", "$title", "$brand", "$brandKey", "$category", "$price", "$currency", "$image", "$updatedAt");
        _deletePaths = Prepare("DELETE FROM catalog_product_paths WHERE product_id = $id;", "$id");
        _insertPath = Prepare("INSERT OR IGNORE INTO catalog_product_paths (path, product_id) VALUES ($path, $id);", "$path", "$id");
        _deleteText = Prepare("DELETE FROM catalog_fts WHERE rowid = $id;", "$id");
        _insertText = Prepare("INSERT INTO catalog_fts (rowid, search_text) VALUES ($id, $text);", "$id", "$text");
    }

    public void Commit(IReadOnlyList<CatalogChange> changes)
    {
        Execute("BEGIN IMMEDIATE;");
        try
        {
            foreach (var change in changes)
            {
                Apply(change);
            }

            Execute("COMMIT;");
        }
        catch
        {
            try
            {
                Execute("ROLLBACK;");
            }
            catch (SqliteException)
            {
                // SQLite rolls back by itself after some errors; then there is no transaction left to end.
            }

            throw;
        }
    }

    public void Dispose()
    {
        foreach (var command in new[] { _readVersion, _upsertProduct, _deletePaths, _insertPath, _deleteText, _insertText })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private void Apply(CatalogChange change)
    {
        _readVersion.Parameters[0].Value = change.ProductId;
        if (_readVersion.ExecuteScalar() is long held && held >= change.Version)
        {
            return;
        }

        var listing = change.Listing;
        var p = _upsertProduct.Parameters;
        p[0].Value = change.ProductId;
        p[1].Value = change.Version;
        p[2].Value = listing is null ? 1 : 0;
        p[3].Value = (object?)listing?.Title ?? DBNull.Value;
        p[4].Value = (object?)listing?.Brand ?? DBNull.Value;
        p[5].Value = listing is null ? DBNull.Value : BrandKey.For(listing.Brand);
        p[6].Value = listing is null ? DBNull.Value : listing.PrimaryCategoryId;
        p[7].Value = listing is null ? DBNull.Value : PriceUnits.ToUnits(listing.MinPrice.Amount);
        p[8].Value = (object?)listing?.MinPrice.Currency ?? DBNull.Value;
        p[9].Value = (object?)listing?.MainImageUrl ?? DBNull.Value;
        p[10].Value = listing is null ? DBNull.Value : listing.UpdatedAt.ToUnixTimeMilliseconds();
        _upsertProduct.ExecuteNonQuery();

        _deletePaths.Parameters[0].Value = change.ProductId;
        _deletePaths.ExecuteNonQuery();
        _deleteText.Parameters[0].Value = change.ProductId;
        _deleteText.ExecuteNonQuery();
        if (listing is null)
        {
            return;
        }

        foreach (var path in listing.CategoryPaths)
        {
            _insertPath.Parameters[0].Value = path;
            _insertPath.Parameters[1].Value = change.ProductId;
            _insertPath.ExecuteNonQuery();
        }

        _insertText.Parameters[0].Value = change.ProductId;
        _insertText.Parameters[1].Value = TextFolding.Fold(listing.SearchText);
        _insertText.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
