using System.Globalization;
using System.Text;
using System.Text.Json;
using MySqlConnector;
using Shop.Grains.Interfaces.Catalog;
using Shop.ReadModels.Common;

namespace Shop.ReadModels.MySql;

/// <summary>
/// A search as one Groonga <c>select</c> on <c>catalog_search</c>, run through Mroonga's <c>mroonga_command</c>.
/// </summary>
/// <remarks>
/// <para>
/// Why not <c>MATCH … AGAINST</c> in SQL: a page of results with its total would be two statements (the rows, then a
/// COUNT), each building Groonga's hit set again, and any filter besides the match makes MariaDB read every hit
/// through the handler API to test it. One Groonga select builds the hit set once, applies the filters inside
/// Groonga (the brand and category through their indexes), and returns the total (<c>n_hits</c>), the sorted page and
/// its columns together: measured at 1M products, about a third of the work. The price filter deliberately has no
/// index: a range on an index would first collect every product in the range (a quarter of the catalog) only to
/// intersect it with the hits; tested on the hits instead, it costs one comparison per hit.
/// </para>
/// <para>
/// The user's words are quoted phrases (<see cref="GroongaSyntax"/>) with <c>query_flags NONE</c>, so no pragma,
/// column or update syntax is recognized either. Best match first is Groonga's score (how often the words occur),
/// ties newest first (<c>product_id</c> descending); without words, newest first and no score.
/// </para>
/// </remarks>
internal static class GroongaSearch
{
    private const string OutputColumns = "_key,_score,title,brand,primary_category_id,min_price_units,currency,main_image_url";

    private const string Sql = """
        SELECT mroonga_command('select', 'table', 'catalog_search', 'match_columns', 'search_text', 'query', @query, 'query_flags', 'NONE',
            'filter', @filter, 'sortby', @sortby, 'offset', @offset, 'limit', @limit, 'output_columns', @columns, 'cache', @cache)
        """;

    public static async Task<ProductPage> RunAsync(MySqlConnection connection, SearchRequest request, bool useCache, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(Sql, connection);
        // Empty query and filter arguments mean "none" to Groonga, so the statement text never changes.
        command.Parameters.AddWithValue("@query", GroongaSyntax.Query(FoldedTerms(request)));
        command.Parameters.AddWithValue("@filter", Filter(request));
        // The newest first is product_id, not _key: the same number, but Groonga sorts _key through a lookup per hit,
        // which tripled a search of 35,000 hits at 1M products, while product_id is a fixed-size column read in place.
        command.Parameters.AddWithValue("@sortby", request.HasText ? "-_score,-product_id" : "-product_id");
        // Groonga's offset is a 32-bit integer; a page beyond it is past any real result anyway.
        command.Parameters.AddWithValue("@offset", Math.Min(request.Page.Offset, int.MaxValue).ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("@limit", request.Page.PageSize.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("@columns", OutputColumns);
        command.Parameters.AddWithValue("@cache", useCache ? "yes" : "no");
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        var json = result switch
        {
            byte[] bytes => bytes,
            string text => Encoding.UTF8.GetBytes(text),
            _ => throw new InvalidOperationException("mroonga_command returned no result."),
        };

        var (total, items) = Parse(json, request.HasText);
        return new ProductPage(items, request.Page.Page, request.Page.PageSize, total);
    }

    /// <summary>
    /// The words folded as the search text was when written (<see cref="TextFolding"/>): NormalizerAuto of the
    /// Groonga that Debian ships (7.0) lower-cases only some of Latin (not Ł), and neither Greek nor Cyrillic, so it
    /// alone would make "привет" miss "ПРИВЕТ" here while the SQLite store finds it. Folding can make two words one.
    /// </summary>
    internal static IReadOnlyList<string> FoldedTerms(SearchRequest request)
        => request.Terms.Select(TextFolding.Fold).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The filters in Groonga's script syntax; '' when there are none.</summary>
    internal static string Filter(SearchRequest request)
    {
        var conditions = new List<string>();
        if (request.CategoryPath is { } path)
        {
            // One exact token of the whitespace-delimited list of the product's categories and their ancestors.
            conditions.Add("category_tokens @ " + GroongaSyntax.Quote(path));
        }

        if (request.BrandKey is { } brand)
        {
            conditions.Add("brand_key == " + GroongaSyntax.Quote(brand));
        }

        if (request.MinPriceUnits is { } min)
        {
            conditions.Add("min_price_units >= " + min.ToString(CultureInfo.InvariantCulture));
        }

        if (request.MaxPriceUnits is { } max)
        {
            conditions.Add("min_price_units <= " + max.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(" && ", conditions);
    }

    /// <summary>
    /// Reads Groonga's select answer (command version 1): <c>[[[n_hits], [[name, type], …], [value, …], …]]</c>.
    /// Columns are found by name, since Groonga leaves <c>_score</c> out when there is no query.
    /// </summary>
    internal static (long Total, List<ProductSummary> Items) Parse(byte[] json, bool scored)
    {
        using var document = JsonDocument.Parse(json);
        var resultSet = document.RootElement[0];
        var total = resultSet[0][0].GetInt64();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var column in resultSet[1].EnumerateArray())
        {
            columns[column[0].GetString()!] = index++;
        }

        var key = columns["_key"];
        var title = columns["title"];
        var brand = columns["brand"];
        var category = columns["primary_category_id"];
        var price = columns["min_price_units"];
        var currency = columns["currency"];
        var image = columns["main_image_url"];
        int? score = scored && columns.TryGetValue("_score", out var s) ? s : null;

        var items = new List<ProductSummary>();
        foreach (var row in resultSet.EnumerateArray().Skip(2))
        {
            var url = row[image].GetString();
            items.Add(new ProductSummary(
                row[key].GetInt64(),
                row[title].GetString() ?? "",
                row[brand].GetString() ?? "",
                row[category].GetInt32(),
                new Money(PriceUnits.ToAmount(row[price].GetInt64()), row[currency].GetString() ?? ""),
                string.IsNullOrEmpty(url) ? null : url,
                score is { } at ? row[at].GetDouble() : null));
        }

        return (total, items);
    }
}
