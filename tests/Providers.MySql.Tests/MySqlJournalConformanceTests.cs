using Shop.Journaling;
using Shop.TestKit.Conformance;

namespace Shop.Providers.MySql.Tests;

/// <summary>The project's journal contract (TestKit) on MariaDB, through <see cref="MySqlJournalStorage"/>.</summary>
public sealed class MySqlJournalStorageConformanceTests(MySqlStoreFixture fixture)
    : JournalStorageConformanceTests, IClassFixture<MySqlStoreFixture>
{
    protected override Task<IJournalStorage> CreateJournalStorageAsync() => Task.FromResult<IJournalStorage>(new MySqlJournalStorage(fixture.Store));
}
