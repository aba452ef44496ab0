using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Shop.TestKit;

namespace Shop.Providers.MySql.Tests;

/// <summary>
/// A silo on <c>AddMySqlStorage</c> creates the schema itself, before its runtime initializes: Orleans' ADO.NET
/// clustering and reminders find their tables and queries even when the host did not call
/// <see cref="MySqlSchema.EnsureAsync"/> first.
/// </summary>
public sealed class SchemaAtSiloStartTests
{
    [Fact]
    public async Task A_silo_on_an_empty_database_creates_the_schema_and_joins_through_adonet_clustering()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        var connectionString = database.ConnectionString;
        using var silo = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(s =>
            {
                s.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = "empty-start";
                    o.ServiceId = "empty-start";
                });
                s.ConfigureEndpoints(IPAddress.Loopback, FreePorts.Next(), FreePorts.Next());
                s.UseAdoNetClustering(o =>
                {
                    o.Invariant = MySqlInvariant.Name;
                    o.ConnectionString = connectionString;
                });
                s.UseAdoNetReminderService(o =>
                {
                    o.Invariant = MySqlInvariant.Name;
                    o.ConnectionString = connectionString;
                });
                s.AddMySqlStorage(o => o.ConnectionString = connectionString);
            })
            .Build();

        await silo.StartAsync();
        try
        {
            var grain = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IDefaultProbeGrain>("empty-start");
            await grain.SetAsync("stored");
            await grain.RegisterReminderAsync("later");

            Assert.Equal([1L], await database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = 'empty-start'"));
            Assert.Equal([1L], await database.QueryAsync<long>("SELECT COUNT(*) FROM grain_state WHERE grain_key = 'empty-start'"));
            Assert.Equal([1L], await database.QueryAsync<long>("SELECT COUNT(*) FROM OrleansRemindersTable WHERE ReminderName = 'later'"));
        }
        finally
        {
            await silo.StopAsync();
        }
    }
}
