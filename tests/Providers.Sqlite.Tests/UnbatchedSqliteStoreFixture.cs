namespace Shop.Providers.Sqlite.Tests;

/// <summary>A store with group commit turned off, so the one-operation-per-transaction path is conformance-tested too.</summary>
public sealed class UnbatchedSqliteStoreFixture : IDisposable
{
    private readonly TempDatabase _database = new();

    public UnbatchedSqliteStoreFixture()
    {
        Store = _database.OpenStore(maxBatchSize: 1);
    }

    public SqliteStore Store { get; }

    public void Dispose() => _database.Dispose();
}
