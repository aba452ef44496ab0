using Shop.Grains.ReadModels;

namespace Shop.Bench;

/// <summary>
/// Where the search benchmark keeps its catalog between runs (a MariaDB database, or a SQLite file), and the same
/// store read the plain way for the baseline.
/// </summary>
internal abstract class SearchBenchStore
{
    /// <summary>Where the data is, and the settings that matter to the numbers.</summary>
    public abstract Task<string> DescribeAsync();

    /// <summary>Whether the store holds exactly products 1…<paramref name="products"/> as <see cref="SearchCatalog"/> builds them today.</summary>
    public async Task<bool> HoldsAsync(int products)
    {
        var (listed, maxId) = await CountListedAsync();
        if (listed != products || maxId != products)
        {
            return false;
        }

        // The generator may have changed since the store was filled: compare a few titles.
        foreach (var id in new long[] { 1, (products / 2) + 1, products })
        {
            if (await TitleAsync(id) != SearchCatalog.Change(id).Listing!.Title)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the catalog (tables or file), so that the read model opened next starts empty.</summary>
    public abstract Task ResetAsync();

    /// <summary>A read model on the store, opened (schema created when missing).</summary>
    public abstract Task<ICatalogReadModel> OpenAsync();

    /// <summary>How many transactions <paramref name="model"/>'s writer has committed.</summary>
    public abstract long CommittedBatches(ICatalogReadModel model);

    /// <summary>
    /// The baseline's search: the listed products whose title contains <paramref name="term"/> (<c>LIKE '%term%'</c>),
    /// counted, and the newest 20 of them read. Returns the count.
    /// </summary>
    public abstract Task<long> LikeAsync(string term);

    protected abstract Task<(long Listed, long MaxId)> CountListedAsync();

    protected abstract Task<string?> TitleAsync(long productId);
}
