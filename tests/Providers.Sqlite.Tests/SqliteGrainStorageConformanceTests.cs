using Orleans.Storage;
using Shop.TestKit.Conformance;

namespace Shop.Providers.Sqlite.Tests;

/// <summary>The provider-neutral grain-storage suite on a group-committing store.</summary>
public sealed class SqliteGrainStorageConformanceTests(SqliteStoreFixture fixture)
    : GrainStorageConformanceTests, IClassFixture<SqliteStoreFixture>
{
    protected override Task<IGrainStorage> CreateGrainStorageAsync() => Task.FromResult<IGrainStorage>(new SqliteGrainStorage(fixture.Store));
}

/// <summary>The same suite with group commit off (one operation per transaction).</summary>
public sealed class SqliteUnbatchedGrainStorageConformanceTests(UnbatchedSqliteStoreFixture fixture)
    : GrainStorageConformanceTests, IClassFixture<UnbatchedSqliteStoreFixture>
{
    protected override Task<IGrainStorage> CreateGrainStorageAsync() => Task.FromResult<IGrainStorage>(new SqliteGrainStorage(fixture.Store));
}
