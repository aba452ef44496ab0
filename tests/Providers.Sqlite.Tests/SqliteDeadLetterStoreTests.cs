using Shop.Streaming;
using Shop.TestKit.Conformance;

namespace Shop.Providers.Sqlite.Tests;

/// <summary>The dead-letter suite on the <c>failed_events</c> table of a SQLite file.</summary>
public sealed class SqliteDeadLetterStoreTests(SqliteStoreFixture fixture)
    : DeadLetterStoreConformanceTests, IClassFixture<SqliteStoreFixture>
{
    protected override Task<IDeadLetterStore> CreateStoreAsync() => Task.FromResult<IDeadLetterStore>(new SqliteDeadLetterStore(fixture.Store));
}
