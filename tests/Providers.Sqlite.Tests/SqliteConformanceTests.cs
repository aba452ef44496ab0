using Shop.Runtime.Storage;
using Shop.TestKit.Conformance;

namespace Shop.Providers.Sqlite.Tests;

public sealed class SqliteConformanceTests(SqliteStoreFixture fixture) : StorageConformanceTests, IClassFixture<SqliteStoreFixture>
{
    protected override IGrainStorage GrainStorage => fixture.Store;

    protected override IStreamQueueStorage QueueStorage => fixture.Store;

    protected override IReminderTable Reminders => fixture.Store;
}
