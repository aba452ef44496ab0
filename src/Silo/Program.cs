using Shop.Gateway;
using Shop.Gateway.Health;
using Shop.Gateway.Hosting;

namespace Shop.Silo;

/// <summary>
/// The silo host (<c>dotnet run --project src/Silo</c>, on http://localhost:5080 unless <c>--urls</c> says otherwise).
/// A class rather than top-level statements so that it does not collide with the gateway's entry point, which this
/// project references; public so that WebApplicationFactory can start it in tests.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseDefaultUrl(ShopSiloOptions.DefaultUrl);

        // Bad configuration stops the process here with a message naming the key.
        var options = ShopSiloOptions.Load(builder.Configuration);

        // A silo leaving in good order hands its grains over and deactivates them; give it the time to.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(90));
        builder.AddShopSilo(options);
        builder.AddShopTelemetry("shop-silo");
        if (options.Gateway.Enabled)
        {
            builder.Services.AddGatewayEndpoints();
        }

        var app = builder.Build();
        if (options.Gateway.Enabled)
        {
            app.MapGatewayEndpoints();
        }

        app.MapShopHealthEndpoints();
        await app.RunAsync();
    }
}
