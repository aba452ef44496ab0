namespace Shop.Providers.Sqlite.Tests;

/// <summary>One database file and store for all tests of a conformance class.</summary>
public sealed class SqliteStoreFixture : IDisposable
{
    private readonly TempDatabase _database = new();

    public SqliteStoreFixture()
    {
        Store = _database.OpenStore();
    }

    public SqliteStore Store { get; }

    public void Dispose() => _database.Dispose();
}
