using Shop.Journaling;
using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>Connections the server drops (a restart, a proxy, KILL): the store reconnects by itself.</summary>
public sealed class MySqlConnectionLossTests : IAsyncLifetime
{
    private MySqlTestDatabase? _database;

    private MySqlTestDatabase Database => _database!;

    public async Task InitializeAsync() => _database = await MySqlTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    private static GrainState<ProbeState> State(string text, string? eTag) => new(new ProbeState { Text = text }, eTag);

    [Fact]
    public async Task After_every_connection_is_killed_reads_and_writes_go_on()
    {
        await using var store = new MySqlStore(Database.Options(writers: 2));
        var storage = new MySqlGrainStorage(store);
        var journal = new MySqlJournalStorage(store);
        var grain = GrainId.Create("loss", "grain");
        var state = State("before", null);
        await storage.WriteStateAsync("state", grain, state);
        await journal.AppendAsync(grain, 0, ["1"u8.ToArray()], null);
        var read = State("", null);
        await storage.ReadStateAsync("state", grain, read);

        Assert.True(await Database.KillConnectionsAsync() > 0);

        await storage.ReadStateAsync("state", grain, read);
        Assert.Equal(("before", "1"), (read.State!.Text, read.ETag));
        state.State!.Text = "after";
        await storage.WriteStateAsync("state", grain, state);
        await journal.AppendAsync(grain, 1, ["2"u8.ToArray()], null);

        Assert.Equal("2", state.ETag);
        await storage.ReadStateAsync("state", grain, read);
        Assert.Equal(("after", "2"), (read.State!.Text, read.ETag));
        Assert.Equal([1L, 2L], (await journal.ReadEntriesAsync(grain, 0)).Select(e => e.Version));
    }

    [Fact]
    public async Task A_batch_whose_connection_dies_before_commit_is_run_again_on_a_new_connection()
    {
        await using var store = new MySqlStore(Database.Options(writers: 1));
        var storage = new MySqlGrainStorage(store);
        var grain = GrainId.Create("loss", "in-flight");
        var state = State("v1", null);
        await storage.WriteStateAsync("state", grain, state);

        await using (var blocker = await RowLockBlocker.HoldAsync(Database, "loss", "in-flight", "state"))
        {
            state.State!.Text = "v2";
            var write = storage.WriteStateAsync("state", grain, state);
            var writer = await blocker.WaitForWriterAsync();
            await Database.ExecuteAsync($"KILL CONNECTION {writer}");

            // The batch runs again on a fresh connection and waits on the same row once more.
            await blocker.WaitForWriterAsync(except: writer);
            await blocker.ReleaseAsync();
            await write;
        }

        Assert.True(store.RetriedBatches >= 1);
        Assert.Equal("2", state.ETag);
        var read = State("", null);
        await storage.ReadStateAsync("state", grain, read);
        Assert.Equal(("v2", "2"), (read.State!.Text, read.ETag));
    }
}
