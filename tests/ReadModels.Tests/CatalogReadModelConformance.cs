using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.ReadModels;

namespace Shop.ReadModels.Tests;

/// <summary>
/// What every <see cref="ICatalogReadModel"/> must do, run against each real store (a SQLite file, a MariaDB
/// database with Mroonga). The tests are split by topic over the partial files <c>CatalogReadModelConformance.*.cs</c>;
/// this part holds the lifecycle and what a store must provide. Every test starts on an empty catalog.
/// </summary>
public abstract partial class CatalogReadModelConformance : IAsyncLifetime
{
    private readonly List<ICatalogReadModel> _opened = [];

    /// <summary>The read model the test works on, opened on the empty store.</summary>
    protected ICatalogReadModel Model { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await CreateStoreAsync();
        Model = await OpenAsync();
        await ClearStoreAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var model in _opened)
        {
            await ((IAsyncDisposable)model).DisposeAsync();
        }

        await DeleteStoreAsync();
    }

    /// <summary>Prepares the storage this test's read models open (a directory, a database).</summary>
    protected abstract Task CreateStoreAsync();

    /// <summary>Empties the store after the first read model opened it (created its schema).</summary>
    protected abstract Task ClearStoreAsync();

    protected abstract Task DeleteStoreAsync();

    /// <summary>A new read model instance on the store, opened (schema applied).</summary>
    protected abstract Task<ICatalogReadModel> CreateModelAsync();

    /// <summary>The number of transactions the read model's writer has committed.</summary>
    protected abstract long CommittedBatches(ICatalogReadModel model);

    /// <summary>
    /// Takes, from a connection of its own, a lock that the writer's next transaction touching
    /// <paramref name="productId"/> (which exists) must wait for, until the returned handle is disposed.
    /// </summary>
    protected abstract Task<IAsyncDisposable> HoldWriteLockAsync(long productId);

    /// <summary>The catalog tables the store holds, read directly from the database.</summary>
    protected abstract Task<IReadOnlyList<string>> CatalogTablesAsync();

    /// <summary>Opens another read model on the same store; it is disposed with the test unless disposed before.</summary>
    protected async Task<ICatalogReadModel> OpenAsync()
    {
        var model = await CreateModelAsync();
        _opened.Add(model);
        return model;
    }

    /// <summary>Disposes <paramref name="model"/> now (as a silo shutting down would).</summary>
    protected async Task CloseAsync(ICatalogReadModel model)
    {
        _opened.Remove(model);
        await ((IAsyncDisposable)model).DisposeAsync();
    }

    protected Task ApplyAsync(params CatalogChange[] changes) => Model.ApplyAsync(changes);

    /// <summary>Asserts a page's total and its products, in order.</summary>
    protected static void AssertPage(ProductPage page, long total, params long[] ids)
    {
        Assert.Equal(total, page.Total);
        Assert.Equal(ids, page.Ids());
    }
}
