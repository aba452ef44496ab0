using Shop.Streaming;
using Shop.TestKit.Conformance;

namespace Shop.Providers.MySql.Tests;

/// <summary>The dead-letter suite on the <c>failed_events</c> table in MariaDB.</summary>
public sealed class MySqlDeadLetterStoreTests(MySqlStoreFixture fixture)
    : DeadLetterStoreConformanceTests, IClassFixture<MySqlStoreFixture>
{
    protected override Task<IDeadLetterStore> CreateStoreAsync() => Task.FromResult<IDeadLetterStore>(new MySqlDeadLetterStore(fixture.Store));
}
