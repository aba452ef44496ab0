using System.Text;
using Shop.Runtime;
using Shop.Runtime.Storage;

using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>The store's long-lived connections die (server restart, idle timeout, a DBA's KILL): callers must not notice.</summary>
public sealed class MySqlConnectionLossTests
{
    [Fact]
    public async Task Reads_and_commits_survive_the_server_dropping_every_connection_of_the_store()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        var options = database.Options();
        options.StatementConnections = 2;
        await using var store = new MySqlStore(options);
        var grain = new GrainId("loss", Guid.NewGuid().ToString("N"));
        var eTag = Assert.Single((await store.CommitAsync(new GrainCommit([Change(grain, null, "v1")], [], []))).ETags);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.ReadStateAsync(grain, "state")));

        await KillSessionsAsync(database);

        // Reads run again on a fresh connection; a commit that failed before COMMIT is run again too.
        Assert.Equal("v1", Text((await store.ReadStateAsync(grain, "state"))?.Payload));
        Assert.Equal("v1", Text((await store.ReadStateAsync(grain, "state"))?.Payload));
        eTag = Assert.Single((await store.CommitAsync(new GrainCommit([Change(grain, eTag, "v2")], [], []))).ETags);
        Assert.Equal("2", eTag);
        Assert.Equal(1, store.RetriedBatches);
        Assert.Equal("v2", Text((await store.ReadStateAsync(grain, "state"))?.Payload));
    }

    private static async Task KillSessionsAsync(MySqlTestDatabase database)
    {
        var sessions = await database.QueryAsync<long>(
            $"SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '{database.Name}' AND ID <> CONNECTION_ID()");
        Assert.NotEmpty(sessions);
        foreach (var id in sessions)
        {
            await database.ExecuteAsync($"KILL CONNECTION {id}");
        }
    }

    private static StateChange Change(GrainId grain, string? eTag, string payload)
        => new(grain, "state", "T", eTag, Encoding.UTF8.GetBytes(payload));

    private static string Text(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);
}
