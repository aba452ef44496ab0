using Shop.Runtime.Storage;
using Shop.TestKit.Conformance;

namespace Shop.Providers.Sqlite.Tests;

public sealed class SqliteUnbatchedConformanceTests(UnbatchedSqliteStoreFixture fixture) : StorageConformanceTests, IClassFixture<UnbatchedSqliteStoreFixture>
{
    protected override IGrainStorage GrainStorage => fixture.Store;

    protected override IStreamQueueStorage QueueStorage => fixture.Store;

    protected override IReminderTable Reminders => fixture.Store;
}
