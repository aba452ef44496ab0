using Shop.Runtime.Storage;
using Shop.TestKit.Conformance;

namespace Shop.Providers.MySql.Tests;

/// <summary>The shared storage contract, run against a MySqlStore on a database of its own.</summary>
public sealed class MySqlConformanceTests(MySqlStoreFixture fixture) : StorageConformanceTests, IClassFixture<MySqlStoreFixture>
{
    protected override IGrainStorage GrainStorage => fixture.Store;

    protected override IStreamQueueStorage QueueStorage => fixture.Store;

    protected override IReminderTable Reminders => fixture.Store;
}
