using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Shop.Bench;

/// <summary>
/// One Orleans silo in this process, on a plain generic host as in production (localhost clustering on
/// free ports, so that it never meets another silo on the machine). The benchmarks call grains through
/// the silo's own <see cref="IGrainFactory"/>.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchSilo> StartAsync(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            // A service id of its own (Orleans' ADO.NET storage keys by it; our tables do not, so benchmarks use fresh grain keys).
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: $"shop-bench-{Guid.NewGuid():N}", clusterId: "shop-bench");

            // Reconciling a SKU with a million ledger lines takes longer than the default 30 s answer time.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
            configure(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _host.StopAsync(stopping.Token);
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
