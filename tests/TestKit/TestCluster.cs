using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Providers.Sqlite;
using Shop.Runtime;
using Shop.Runtime.Hosting;

namespace Shop.TestKit;

/// <summary>
/// An in-process silo for tests, in the spirit of Orleans' TestCluster: real runtime, real SQLite file
/// under a temporary data directory (unless the test configures another store), real shutdown.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly bool _ownsDataDirectory;
    private bool _stopped;

    private TestCluster(IHost host, string dataDirectory, bool ownsDataDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    public ISiloRuntime Silo => Services.GetRequiredService<ISiloRuntime>();

    /// <summary>
    /// Starts a silo. The SQLite store under <paramref name="dataDirectory"/> (a new temporary directory
    /// when null) is registered first, so <paramref name="configure"/> can replace it.
    /// </summary>
    public static async Task<TestCluster> StartAsync(Action<ISiloBuilder> configure, string? dataDirectory = null, Action<IServiceCollection>? services = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= TempDirectory.Create("cluster");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSilo(silo =>
        {
            silo.UseSqliteStorage(o => o.DataDirectory = dataDirectory);
            configure(silo);
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestCluster(host, dataDirectory, owns);
    }

    /// <summary>Stops the silo gracefully: every activation is deactivated.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
        if (_ownsDataDirectory)
        {
            TempDirectory.Delete(DataDirectory);
        }
    }
}
