using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Shop.TestKit;

namespace Shop.Providers.Sqlite.Tests;

/// <summary>A reminder registered through Orleans on a silo using SQLite outlives that silo.</summary>
public sealed class ReminderRestartTests : IDisposable
{
    private const string DataDirectoryKey = "ShopTests:DataDirectory";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(120);

    private readonly string _dataDirectory = TempDirectory.Create("reminders-sqlite");

    public void Dispose() => TempDirectory.Delete(_dataDirectory);

    [Fact]
    public async Task A_reminder_registered_before_a_silo_restart_is_stored_and_fires_on_the_restarted_silo()
    {
        var key = $"probe-{Guid.NewGuid():N}";
        var grainId = GrainId.Create("reminderprobe", key);

        await using (var first = await StartClusterAsync())
        {
            // Due long after this silo is gone: any tick seen later comes from the reminder read back from the file.
            await first.GrainFactory.GetGrain<IReminderProbeGrain>(key).StartAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
            await first.StopAllSilosAsync();
        }

        await using (var store = new SqliteStore(new SqliteStorageOptions { DataDirectory = _dataDirectory }))
        {
            var stored = await new SqliteReminderTable(store).ReadRow(grainId, "probe");
            Assert.NotNull(stored);
            Assert.Equal(TimeSpan.FromSeconds(1), stored.Period);
        }

        await using var second = await StartClusterAsync();
        var restartedSilo = second.Primary!.SiloAddress.ToString();
        var probe = second.GrainFactory.GetGrain<IReminderProbeGrain>(key);
        var deadline = DateTime.UtcNow + WaitLimit;
        IReadOnlyList<string> ticks;
        while (!(ticks = await probe.GetTicksAsync()).Contains(restartedSilo) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Contains(restartedSilo, ticks);
        await probe.StopAsync();
        await second.StopAllSilosAsync();
    }

    private async Task<TestCluster> StartClusterAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Properties[DataDirectoryKey] = _dataDirectory;
        builder.AddSiloBuilderConfigurator<SqliteSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SqliteSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var dataDirectory = siloBuilder.Configuration[DataDirectoryKey] ?? throw new InvalidOperationException($"{DataDirectoryKey} is not set.");
            siloBuilder.AddSqliteStorage(o => o.DataDirectory = dataDirectory);
            siloBuilder.UseSqliteReminderService();
            // Orleans refuses periods under a minute by default; the test cannot wait that long.
            siloBuilder.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        }
    }
}
