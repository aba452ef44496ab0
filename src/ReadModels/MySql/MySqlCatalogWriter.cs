using System.Data;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Shop.Grains.ReadModels;
using Shop.ReadModels.Common;

namespace Shop.ReadModels.MySql;

/// <summary>
/// The only code that writes the catalog tables: applies a batch of changes (one per product, ascending, see
/// <see cref="LatestChanges"/>) on a connection of its own, each only if newer than the version held.
/// </summary>
/// <remarks>
/// <para>
/// One batch, one InnoDB transaction (READ COMMITTED), in this order:
/// (1) lock every product of the batch: a multi-row <c>INSERT … ON DUPLICATE KEY UPDATE</c> locks the existing rows
/// and adds placeholder rows for new products, locked as well, so a second writer (another silo while a projection
/// grain moves) waits on the same rows instead of racing, with no gap locks to deadlock on;
/// (2) read the versions held and keep the changes that are newer (a placeholder loses to anything);
/// (3) write those to <c>catalog_products</c> and <c>catalog_product_categories</c> (InnoDB);
/// (4) write them to <c>catalog_search</c> (Mroonga); (5) COMMIT.
/// </para>
/// <para>
/// Mroonga's storage engine is not transactional: step 4 takes effect at once and a rollback does not undo it. That
/// is why it comes before the COMMIT that records the versions. If the batch fails after step 4, InnoDB still holds
/// the old versions, so the same changes sent again (the caller failed, and the projection retries) are again newer,
/// pass the guard and rewrite the same Mroonga rows: the only lasting state is the consistent one. Until then search
/// may show a product's newer text while listings show the older row. The reverse order could commit a version in
/// InnoDB whose search row was never written, and every retry would then be ignored by the guard. Under the row locks
/// of step 1 no other writer touches the same products' search rows in between.
/// </para>
/// <para>
/// Because a change applied twice is a no-op, a batch that failed on a deadlock, a lock wait timeout or a lost
/// connection is simply run again, even when the COMMIT itself was lost and its outcome is unknown.
/// </para>
/// </remarks>
internal sealed class MySqlCatalogWriter : IAsyncDisposable
{
    private const int MaxAttempts = 5;

    /// <summary>The version of a placeholder row: lower than any real version, and never committed.</summary>
    private const long Placeholder = long.MinValue;

    private const string UpsertProductSuffix = """
         ON DUPLICATE KEY UPDATE version = VALUES(version), deleted = VALUES(deleted), title = VALUES(title), brand = VALUES(brand),
         primary_category_id = VALUES(primary_category_id), min_price_units = VALUES(min_price_units), currency = VALUES(currency),
         main_image_url = VALUES(main_image_url), updated_at = VALUES(updated_at)
        """;

    private const string UpsertSearchSuffix = """
         ON DUPLICATE KEY UPDATE version = VALUES(version), title = VALUES(title), brand = VALUES(brand), brand_key = VALUES(brand_key),
         primary_category_id = VALUES(primary_category_id), min_price_units = VALUES(min_price_units), currency = VALUES(currency),
         main_image_url = VALUES(main_image_url), category_tokens = VALUES(category_tokens), search_text = VALUES(search_text)
        """;

    private readonly string _connectionString;
    private readonly int _rowsPerStatement;
    private readonly ILogger _logger;
    private MySqlConnection? _connection;

    public MySqlCatalogWriter(string connectionString, int rowsPerStatement, ILogger logger)
    {
        // The writer keeps one connection for its lifetime; a pool would only hide a broken one.
        _connectionString = new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        _rowsPerStatement = rowsPerStatement;
        _logger = logger;
    }

    public async Task CommitAsync(IReadOnlyList<CatalogChange> changes)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunAsync(changes).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts && MySqlCatalogErrors.IsRetriable(exception))
            {
                MySqlCatalogLog.BatchRetried(_logger, changes.Count, attempt, exception);
                await CloseAsync().ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 20 * attempt))).ConfigureAwait(false);
            }
            catch
            {
                // Whatever state the session is in (an open transaction, a half-read result), start the next batch afresh.
                await CloseAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private async Task RunAsync(IReadOnlyList<CatalogChange> changes)
    {
        var connection = await OpenAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted).ConfigureAwait(false);

        // (1) Lock: existing rows stay as they are, new products get a placeholder.
        foreach (var chunk in changes.Chunk(_rowsPerStatement))
        {
            var lockRows = new MultiRowCommand("INSERT INTO catalog_products (product_id, version, deleted) VALUES ", " ON DUPLICATE KEY UPDATE product_id = product_id");
            foreach (var change in chunk)
            {
                lockRows.AddRow(change.ProductId, Placeholder, 1);
            }

            await ExecuteAsync(lockRows, connection, transaction).ConfigureAwait(false);
        }

        // (2) The versions held, then the changes that win.
        var held = new Dictionary<long, long>(changes.Count);
        foreach (var chunk in changes.Chunk(_rowsPerStatement))
        {
            var read = new MultiRowCommand("SELECT product_id, version FROM catalog_products WHERE product_id IN (", ")");
            foreach (var change in chunk)
            {
                read.AddValue(change.ProductId);
            }

            await using var command = read.ToCommand(connection, transaction);
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                held[reader.GetInt64(0)] = reader.GetInt64(1);
            }
        }

        var winners = changes.Where(change => change.Version > held[change.ProductId]).ToList();
        if (winners.Count > 0)
        {
            // Products that had real rows before may have category and search rows to replace; new ones have none.
            var replaced = winners.Where(change => held[change.ProductId] != Placeholder).Select(change => change.ProductId).ToList();
            await WriteProductsAsync(winners, connection, transaction).ConfigureAwait(false);
            await DeleteWhereProductInAsync("DELETE FROM catalog_product_categories WHERE product_id IN (", replaced, connection, transaction).ConfigureAwait(false);
            await WriteCategoriesAsync(winners, connection, transaction).ConfigureAwait(false);

            // (4) Mroonga, after every InnoDB statement that could still fail and before the COMMIT (see remarks).
            await WriteSearchAsync(winners, connection, transaction).ConfigureAwait(false);
            var removed = winners.Where(change => change.Listing is null && held[change.ProductId] != Placeholder).Select(change => change.ProductId).ToList();
            await DeleteWhereProductInAsync("DELETE FROM catalog_search WHERE product_id IN (", removed, connection, transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private async Task WriteProductsAsync(List<CatalogChange> winners, MySqlConnection connection, MySqlTransaction transaction)
    {
        foreach (var chunk in winners.Chunk(_rowsPerStatement))
        {
            var upsert = new MultiRowCommand(
                "INSERT INTO catalog_products (product_id, version, deleted, title, brand, primary_category_id, min_price_units, currency, main_image_url, updated_at) VALUES ",
                UpsertProductSuffix);
            foreach (var change in chunk)
            {
                var listing = change.Listing;
                upsert.AddRow(
                    change.ProductId,
                    change.Version,
                    listing is null ? 1 : 0,
                    listing?.Title,
                    listing?.Brand,
                    listing?.PrimaryCategoryId,
                    listing is null ? null : PriceUnits.ToUnits(listing.MinPrice.Amount),
                    listing?.MinPrice.Currency,
                    listing?.MainImageUrl,
                    listing?.UpdatedAt.UtcDateTime);
            }

            await ExecuteAsync(upsert, connection, transaction).ConfigureAwait(false);
        }
    }

    private async Task WriteCategoriesAsync(List<CatalogChange> winners, MySqlConnection connection, MySqlTransaction transaction)
    {
        var insert = NewCategoryInsert();
        foreach (var change in winners)
        {
            if (change.Listing is not { } listing)
            {
                continue;
            }

            foreach (var (path, isOwn) in CategoryRows(listing.CategoryPaths))
            {
                insert.AddRow(path, change.ProductId, isOwn ? 1 : 0);
                if (insert.Rows >= _rowsPerStatement)
                {
                    await ExecuteAsync(insert, connection, transaction).ConfigureAwait(false);
                    insert = NewCategoryInsert();
                }
            }
        }

        if (insert.Rows > 0)
        {
            await ExecuteAsync(insert, connection, transaction).ConfigureAwait(false);
        }

        static MultiRowCommand NewCategoryInsert() => new("INSERT INTO catalog_product_categories (category_path, product_id, is_own) VALUES ");
    }

    private async Task WriteSearchAsync(List<CatalogChange> winners, MySqlConnection connection, MySqlTransaction transaction)
    {
        foreach (var chunk in winners.Where(change => change.Listing is not null).Chunk(_rowsPerStatement))
        {
            var upsert = new MultiRowCommand(
                "INSERT INTO catalog_search (product_id, version, title, brand, brand_key, primary_category_id, min_price_units, currency, main_image_url, category_tokens, search_text) VALUES ",
                UpsertSearchSuffix);
            foreach (var change in chunk)
            {
                var listing = change.Listing!;
                upsert.AddRow(
                    change.ProductId,
                    change.Version,
                    listing.Title,
                    listing.Brand,
                    BrandKey.For(listing.Brand),
                    listing.PrimaryCategoryId,
                    PriceUnits.ToUnits(listing.MinPrice.Amount),
                    listing.MinPrice.Currency,
                    listing.MainImageUrl ?? "",
                    string.Join(' ', CategoryRows(listing.CategoryPaths).Select(static row => row.Path)),
                    // Folded as the words of a search are (GroongaSearch.FoldedTerms); Groonga's normalizer then does the rest.
                    TextFolding.Fold(listing.SearchText));
            }

            await ExecuteAsync(upsert, connection, transaction).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every category the product is in or under, once: its own paths (is_own) and all their ancestors. A path that
    /// is both its own and the ancestor of another own path counts as its own.
    /// </summary>
    private static IEnumerable<(string Path, bool IsOwn)> CategoryRows(IReadOnlyList<string> paths)
    {
        var rows = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            foreach (var ancestor in CategoryPath.SelfAndAncestors(path))
            {
                rows[ancestor] = (rows.TryGetValue(ancestor, out var own) && own) || ancestor.Length == path.Length;
            }
        }

        return rows.Select(static row => (row.Key, row.Value));
    }

    private async Task DeleteWhereProductInAsync(string prefix, List<long> productIds, MySqlConnection connection, MySqlTransaction transaction)
    {
        foreach (var chunk in productIds.Chunk(_rowsPerStatement))
        {
            var delete = new MultiRowCommand(prefix, ")");
            foreach (var id in chunk)
            {
                delete.AddValue(id);
            }

            await ExecuteAsync(delete, connection, transaction).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(MultiRowCommand statement, MySqlConnection connection, MySqlTransaction transaction)
    {
        await using var command = statement.ToCommand(connection, transaction);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task<MySqlConnection> OpenAsync()
    {
        if (_connection is { State: ConnectionState.Open } open)
        {
            return open;
        }

        await CloseAsync().ConfigureAwait(false);
        var connection = new MySqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync().ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _connection = connection;
        return connection;
    }

    private async Task CloseAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
