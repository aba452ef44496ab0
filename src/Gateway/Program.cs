using Shop.Gateway.Health;
using Shop.Gateway.Hosting;

namespace Shop.Gateway;

/// <summary>
/// The gateway process: the storefront HTTP API in front of a cluster it joins as an Orleans client
/// (<c>dotnet run --project src/Gateway</c>, on http://localhost:5081 unless <c>--urls</c> says otherwise).
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseDefaultUrl(GatewayHostOptions.DefaultUrl);
        builder.AddShopClusterClient(GatewayHostOptions.Load(builder.Configuration));
        builder.AddShopTelemetry("shop-gateway");
        builder.Services.AddGatewayEndpoints();

        var app = builder.Build();
        app.MapGatewayEndpoints();
        app.MapShopHealthEndpoints();
        await app.RunAsync();
    }
}
