using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;
using Shop.Journaling;
using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>
/// Orleans' own ADO.NET providers on the schema of <see cref="MySqlSchema"/>: an in-process silo with
/// ADO.NET clustering, reminders and grain storage (next to our storage as the default), and a client
/// that finds the silo through the ADO.NET gateway list.
/// </summary>
public sealed class AdoNetProvidersTests : IAsyncLifetime
{
    public const string AdoNetStorage = "orleans-adonet";

    private const string ClusterId = "adonet-test";

    private MySqlTestDatabase? _database;
    private IHost? _silo;

    private MySqlTestDatabase Database => _database!;

    private IHost Silo => _silo!;

    private IGrainFactory Grains => Silo.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        _database = await MySqlTestDatabase.CreateWithSchemaAsync();
        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        var connectionString = Database.ConnectionString;
        _silo = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterId;
                    o.ServiceId = ClusterId;
                });
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = MySqlInvariant.Name;
                    o.ConnectionString = connectionString;
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = MySqlInvariant.Name;
                    o.ConnectionString = connectionString;
                });
                silo.AddAdoNetGrainStorage(AdoNetStorage, o =>
                {
                    o.Invariant = MySqlInvariant.Name;
                    o.ConnectionString = connectionString;
                });
                silo.AddMySqlStorage(o => o.ConnectionString = connectionString);
                silo.AddJournaling();
            })
            .Build();
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_silo_joins_the_cluster_through_the_membership_table()
    {
        Assert.Equal([1L], await WaitForAsync(
            () => Database.QueryAsync<long>($"SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = '{ClusterId}' AND Status = 3"),
            rows => rows[0] == 1));
        Assert.True((await Database.QueryAsync<int>($"SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = '{ClusterId}'"))[0] > 0);
    }

    [Fact]
    public async Task A_reminder_is_stored_in_the_reminders_table_read_back_and_removed()
    {
        var grain = Grains.GetGrain<IAdoNetProbeGrain>("reminded");

        await grain.RegisterReminderAsync("wake-up");

        Assert.Equal(["wake-up"], await Database.QueryAsync<string>($"SELECT ReminderName FROM OrleansRemindersTable WHERE ServiceId = '{ClusterId}'"));
        Assert.True(await grain.HasReminderAsync("wake-up"));
        await grain.RegisterReminderAsync("wake-up");
        Assert.Equal([2], await Database.QueryAsync<int>($"SELECT Version FROM OrleansRemindersTable WHERE ServiceId = '{ClusterId}'"));

        await grain.UnregisterReminderAsync("wake-up");

        Assert.False(await grain.HasReminderAsync("wake-up"));
        Assert.Equal([0L], await Database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansRemindersTable"));
    }

    [Fact]
    public async Task Grain_state_is_written_through_orleans_adonet_storage_and_read_back_after_deactivation()
    {
        var grain = Grains.GetGrain<IAdoNetProbeGrain>("stored");

        await grain.SetAsync("첫 번째");
        await grain.SetAsync("second ✓");
        await grain.DeactivateAsync();

        Assert.Equal("second ✓", await grain.GetAsync());
        Assert.Equal([2], await Database.QueryAsync<int>("SELECT Version FROM OrleansStorage"));
    }

    [Fact]
    public async Task Orleans_adonet_storage_refuses_a_stale_etag_and_clears_on_our_queries()
    {
        var storage = Silo.Services.GetRequiredKeyedService<IGrainStorage>(AdoNetStorage);
        var grain = GrainId.Create("adonet-direct", "etags");
        var first = new GrainState<ProbeState>(new ProbeState { Text = "v1" });
        await storage.WriteStateAsync("state", grain, first);
        var second = new GrainState<ProbeState>(new ProbeState { Text = "v2" }, first.ETag);
        await storage.WriteStateAsync("state", grain, second);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", grain, new GrainState<ProbeState>(new ProbeState { Text = "stale" }, first.ETag)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", grain, new GrainState<ProbeState>(new ProbeState { Text = "again" })));

        await storage.ClearStateAsync("state", grain, second);
        var read = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("state", grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal(second.ETag, read.ETag);
    }

    [Fact]
    public async Task Our_storage_is_the_silos_default_grain_storage_and_journal()
    {
        Assert.IsType<MySqlGrainStorage>(Silo.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        Assert.IsType<MySqlJournalStorage>(Silo.Services.GetRequiredService<IJournalStorage>());
        var grain = Grains.GetGrain<IDefaultProbeGrain>("ours");

        await grain.SetAsync("in grain_state");
        await grain.DeactivateAsync();

        Assert.Equal("in grain_state", await grain.GetAsync());
        Assert.Equal([1L], await Database.QueryAsync<long>("SELECT version FROM grain_state WHERE grain_key = 'ours'"));
    }

    [Fact]
    public async Task A_client_finds_the_silo_through_the_adonet_gateway_list()
    {
        var connectionString = Database.ConnectionString;
        using var client = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleansClient(c =>
            {
                c.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterId;
                    o.ServiceId = ClusterId;
                });
                c.UseAdoNetClustering(o =>
                {
                    o.Invariant = MySqlInvariant.Name;
                    o.ConnectionString = connectionString;
                });
            })
            .Build();
        await client.StartAsync();
        try
        {
            var grain = client.Services.GetRequiredService<IClusterClient>().GetGrain<IAdoNetProbeGrain>("from-client");

            await grain.SetAsync("hello from a client");

            Assert.Equal("hello from a client", await Grains.GetGrain<IAdoNetProbeGrain>("from-client").GetAsync());
        }
        finally
        {
            await client.StopAsync();
        }
    }


    /// <summary>Polls until <paramref name="done"/> holds (membership is written in the background), for at most a minute.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
