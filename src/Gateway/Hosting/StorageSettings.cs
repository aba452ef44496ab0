using MySqlConnector;

namespace Shop.Gateway.Hosting;

/// <summary>The <c>Shop:Storage</c> section, read by the silo and by the gateway process alike.</summary>
public sealed class StorageSettings
{
    /// <summary>Default <see cref="StorageProvider.Sqlite"/>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Connection string of the MariaDB provider; required when it is selected, ignored otherwise. No default.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Server connections one process keeps at most when the connection string does not say (<c>Maximum Pool Size</c>;
    /// MySqlConnector's own default is 100). Every silo and gateway of a cluster has a pool of its own, and under a
    /// burst each fills it: with 100 apiece, five processes alone reach a server's 500 and the rest are refused with
    /// "Too many connections". Group commit keeps the writes few; 50 is plenty for one process.
    /// </summary>
    public const int DefaultMaximumPoolSize = 50;

    /// <summary>
    /// The connection string, validated for <see cref="StorageProvider.MySql"/>, with <see cref="DefaultMaximumPoolSize"/>
    /// when it names no pool size.
    /// </summary>
    public string RequireConnectionString()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException(
                "Shop:Storage:Provider is MySql but Shop:Storage:ConnectionString is empty " +
                "(set it, e.g. the environment variable Shop__Storage__ConnectionString).");
        }

        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Shop:Storage:ConnectionString is not a MariaDB connection string: {e.Message}", e);
        }

        if (!builder.ContainsKey("Maximum Pool Size"))
        {
            builder.MaximumPoolSize = DefaultMaximumPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the key when the section cannot work.</summary>
    public void Validate()
    {
        switch (Provider)
        {
            case StorageProvider.Sqlite:
                break;
            case StorageProvider.MySql:
                RequireConnectionString();
                break;
            default:
                throw new InvalidOperationException($"Shop:Storage:Provider '{Provider}' is unknown; use Sqlite or MySql.");
        }
    }
}
