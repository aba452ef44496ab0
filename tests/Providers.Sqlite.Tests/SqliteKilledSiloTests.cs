using Shop.TestKit;
using Shop.TestKit.Conformance;

namespace Shop.Providers.Sqlite.Tests;

public sealed class SqliteKilledSiloTests : KilledSiloConformanceTests, IDisposable
{
    private readonly string _dataDirectory = TempDirectory.Create("killed-sqlite");

    protected override Task<ChildSilo> StartSiloAsync() => ChildSilo.StartSqliteAsync(_dataDirectory);

    public void Dispose() => TempDirectory.Delete(_dataDirectory);
}
