using Shop.Gateway.Hosting;

namespace Shop.Silo;

/// <summary>The silo's configuration, bound from the <c>Shop</c> section (keys and defaults: shared/DESIGN.md, Running).</summary>
public sealed class ShopSiloOptions
{
    public const string Section = "Shop";

    /// <summary>The HTTP address of the silo when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> names one.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Directory of the embedded database and other local files. Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary><c>Shop:Storage</c>: SQLite (embedded default, one silo) or MariaDB (a cluster member).</summary>
    public StorageSettings Storage { get; set; } = new();

    /// <summary><c>Shop:Cluster</c>: cluster id, ports, advertised address and membership timings.</summary>
    public ClusterSettings Cluster { get; set; } = new();

    /// <summary><c>Shop:Streams</c>: the queue behind the Orleans streams (database or Kafka).</summary>
    public StreamSettings Streams { get; set; } = new();

    /// <summary><c>Shop:Gateway</c>: whether this silo co-hosts the storefront gateway.</summary>
    public CoHostedGatewaySettings Gateway { get; set; } = new();

    /// <summary>Binds and validates the section; bad configuration throws <see cref="InvalidOperationException"/> naming the key.</summary>
    public static ShopSiloOptions Load(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ShopSiloOptions>() ?? new ShopSiloOptions();
        if (options.Storage.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new InvalidOperationException("Shop:DataDirectory is empty; the SQLite storage needs a directory.");
        }

        options.Storage.Validate();
        options.Cluster.Validate();
        options.Streams.Validate();
        return options;
    }
}
