using Shop.Journaling;
using Shop.TestKit.Conformance;

namespace Shop.Providers.Sqlite.Tests;

/// <summary>The provider-neutral journal suite on a group-committing store.</summary>
public sealed class SqliteJournalStorageConformanceTests(SqliteStoreFixture fixture)
    : JournalStorageConformanceTests, IClassFixture<SqliteStoreFixture>
{
    protected override Task<IJournalStorage> CreateJournalStorageAsync() => Task.FromResult<IJournalStorage>(new SqliteJournalStorage(fixture.Store));
}

/// <summary>The same suite with group commit off (one operation per transaction).</summary>
public sealed class SqliteUnbatchedJournalStorageConformanceTests(UnbatchedSqliteStoreFixture fixture)
    : JournalStorageConformanceTests, IClassFixture<UnbatchedSqliteStoreFixture>
{
    protected override Task<IJournalStorage> CreateJournalStorageAsync() => Task.FromResult<IJournalStorage>(new SqliteJournalStorage(fixture.Store));
}
