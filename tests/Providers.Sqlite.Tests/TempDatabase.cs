namespace Shop.Providers.Sqlite.Tests;

/// <summary>A database file in a folder of its own under the temp folder, deleted with everything the stores left next to it.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly List<SqliteStore> _stores = [];

    public TempDatabase(string? fileName = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "shop-sqlite-tests", Guid.NewGuid().ToString("N"));
        FileName = fileName ?? "shop.db";
    }

    public string Directory { get; }

    public string FileName { get; }

    public string FilePath => Path.Combine(Directory, FileName);

    public SqliteStorageOptions Options(int maxBatchSize = 256) => new()
    {
        DataDirectory = Directory,
        FileName = FileName,
        MaxBatchSize = maxBatchSize,
    };

    /// <summary>A store on this file, disposed with the database unless the test disposes it first.</summary>
    public SqliteStore OpenStore(int maxBatchSize = 256)
    {
        var store = new SqliteStore(Options(maxBatchSize));
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    public void Dispose()
    {
        lock (_stores)
        {
            foreach (var store in _stores)
            {
                store.Dispose();
            }
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
