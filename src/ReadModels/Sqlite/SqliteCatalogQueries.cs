using Microsoft.Data.Sqlite;
using Shop.Grains.Interfaces.Catalog;
using Shop.ReadModels.Common;

namespace Shop.ReadModels.Sqlite;

/// <summary>The reads of <see cref="SqliteCatalogReadModel"/>, each on a read connection of its own.</summary>
/// <remarks>
/// Newest first means by product id, descending: product ids are allocated in creation order, and unlike an update
/// time they give every product a fixed place, so paging stays stable while products are edited.
/// Search words of three or more characters go to the FTS5 trigram index as quoted phrases (every character inside
/// the quotes is literal, a <c>"</c> is doubled), ranked by bm25. The trigram index cannot find a word of one or two
/// characters (it has no trigram to look up), so those are matched by <c>instr</c> over the folded text: a scan of
/// the FTS table's content, with the indexed words (if any) narrowing it first. <c>instr</c> compares literally, so
/// <c>%</c> and <c>_</c> are plain characters, with nothing to escape. When no word reaches the index the score is
/// how often the short words occur.
/// </remarks>
internal static class SqliteCatalogQueries
{
    private const string SummaryColumns = "p.product_id, p.title, p.brand, p.primary_category_id, p.min_price_units, p.currency, p.main_image_url";

    private const string InCategoryTree = "p.product_id IN (SELECT product_id FROM catalog_product_paths WHERE path = $path OR (path > $pathLower AND path < $pathUpper))";

    public static async Task<long?> GetVersionAsync(SqliteConnection connection, long productId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM catalog_products WHERE product_id = $id;";
        command.Parameters.AddWithValue("$id", productId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    public static async Task<ProductPage> ListByCategoryAsync(SqliteConnection connection, string path, bool includeDescendants, PageRequest page, CancellationToken cancellationToken)
    {
        var match = includeDescendants ? "path = $path OR (path > $pathLower AND path < $pathUpper)" : "path = $path";
        await using var command = connection.CreateCommand();
        AddPath(command, path);
        command.CommandText = $"SELECT COUNT(DISTINCT product_id) FROM catalog_product_paths WHERE {match};";
        var total = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);

        command.CommandText = $"""
            SELECT {SummaryColumns}, NULL
            FROM catalog_products p
            WHERE p.product_id IN (SELECT product_id FROM catalog_product_paths WHERE {match})
            ORDER BY p.product_id DESC
            LIMIT $limit OFFSET $offset;
            """;
        AddPage(command, page);
        return new ProductPage(await ReadSummariesAsync(command, cancellationToken).ConfigureAwait(false), page.Page, page.PageSize, total);
    }

    public static async Task<ProductPage> SearchAsync(SqliteConnection connection, SearchRequest request, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var folded = request.Terms.Select(TextFolding.Fold).Distinct(StringComparer.Ordinal).ToList();
        var indexed = folded.Where(term => SearchTerms.CodePoints(term) >= 3).ToList();
        var scanned = folded.Where(term => SearchTerms.CodePoints(term) < 3).ToList();

        var conditions = new List<string>();
        string from;
        string score;
        if (folded.Count == 0)
        {
            from = "catalog_products p";
            conditions.Add("p.deleted = 0");
            score = "NULL";
        }
        else
        {
            from = "catalog_fts JOIN catalog_products p ON p.product_id = catalog_fts.rowid";
            if (indexed.Count > 0)
            {
                conditions.Add("catalog_fts MATCH $match");
                command.Parameters.AddWithValue("$match", string.Join(' ', indexed.Select(Phrase)));
                // bm25 is lower for better matches; the API reports higher-is-better scores.
                score = "-bm25(catalog_fts)";
            }
            else
            {
                score = "0";
            }

            for (var i = 0; i < scanned.Count; i++)
            {
                var name = "$short" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                conditions.Add($"instr(catalog_fts.search_text, {name}) > 0");
                command.Parameters.AddWithValue(name, scanned[i]);
                if (indexed.Count == 0)
                {
                    score += $" + (length(catalog_fts.search_text) - length(replace(catalog_fts.search_text, {name}, ''))) / length({name})";
                }
            }
        }

        if (request.CategoryPath is { } path)
        {
            conditions.Add(InCategoryTree);
            AddPath(command, path);
        }

        if (request.BrandKey is { } brand)
        {
            conditions.Add("p.brand_key = $brand");
            command.Parameters.AddWithValue("$brand", brand);
        }

        if (request.MinPriceUnits is { } min)
        {
            conditions.Add("p.min_price_units >= $minPrice");
            command.Parameters.AddWithValue("$minPrice", min);
        }

        if (request.MaxPriceUnits is { } max)
        {
            conditions.Add("p.min_price_units <= $maxPrice");
            command.Parameters.AddWithValue("$maxPrice", max);
        }

        var where = string.Join(" AND ", conditions);
        command.CommandText = $"SELECT COUNT(*) FROM {from} WHERE {where};";
        var total = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);

        var order = folded.Count == 0 ? "p.product_id DESC" : "score DESC, p.product_id DESC";
        command.CommandText = $"SELECT {SummaryColumns}, {score} AS score FROM {from} WHERE {where} ORDER BY {order} LIMIT $limit OFFSET $offset;";
        AddPage(command, request.Page);
        return new ProductPage(await ReadSummariesAsync(command, cancellationToken).ConfigureAwait(false), request.Page.Page, request.Page.PageSize, total);
    }

    /// <summary>An FTS5 phrase: inside double quotes every character is literal except the quote, which is doubled.</summary>
    internal static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void AddPath(SqliteCommand command, string path)
    {
        var (lower, upper) = CategoryPath.DescendantRange(path);
        command.Parameters.AddWithValue("$path", path);
        command.Parameters.AddWithValue("$pathLower", lower);
        command.Parameters.AddWithValue("$pathUpper", upper);
    }

    private static void AddPage(SqliteCommand command, PageRequest page)
    {
        command.Parameters.AddWithValue("$limit", page.PageSize);
        command.Parameters.AddWithValue("$offset", page.Offset);
    }

    private static async Task<List<ProductSummary>> ReadSummariesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var items = new List<ProductSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new ProductSummary(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                new Money(PriceUnits.ToAmount(reader.GetInt64(4)), reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetDouble(7)));
        }

        return items;
    }
}
