using Orleans.Storage;
using Shop.TestKit.Conformance;

namespace Shop.Providers.MySql.Tests;

/// <summary>The project's grain storage contract (TestKit) on MariaDB, through <see cref="MySqlGrainStorage"/>.</summary>
public sealed class MySqlGrainStorageConformanceTests(MySqlStoreFixture fixture)
    : GrainStorageConformanceTests, IClassFixture<MySqlStoreFixture>
{
    protected override Task<IGrainStorage> CreateGrainStorageAsync() => Task.FromResult<IGrainStorage>(new MySqlGrainStorage(fixture.Store));
}
