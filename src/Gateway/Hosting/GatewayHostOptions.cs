using Microsoft.Extensions.Configuration;

namespace Shop.Gateway.Hosting;

/// <summary>The configuration of the gateway process (an Orleans client), bound from the <c>Shop</c> section.</summary>
public sealed class GatewayHostOptions
{
    public const string Section = "Shop";

    /// <summary>The HTTP address of the gateway process when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> names one.</summary>
    public const string DefaultUrl = "http://localhost:5081";

    /// <summary><c>Shop:Storage</c>: with <c>MySql</c> the gateway finds the silos in that database's membership table.</summary>
    public StorageSettings Storage { get; set; } = new();

    /// <summary><c>Shop:Cluster</c>: cluster id, and the gateway port dialled on localhost with <c>Sqlite</c>.</summary>
    public ClusterSettings Cluster { get; set; } = new();

    /// <summary>Binds and validates the section; bad configuration throws <see cref="InvalidOperationException"/> naming the key.</summary>
    public static GatewayHostOptions Load(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<GatewayHostOptions>() ?? new GatewayHostOptions();
        options.Storage.Validate();
        options.Cluster.Validate();
        return options;
    }
}
