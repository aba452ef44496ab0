namespace Shop.Gateway.Hosting;

/// <summary>The <c>Shop:Storage</c> section, read by the silo and by the gateway process alike.</summary>
public sealed class StorageSettings
{
    /// <summary>Default <see cref="StorageProvider.Sqlite"/>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Connection string of the MariaDB provider; required when it is selected, ignored otherwise. No default.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The connection string, validated for <see cref="StorageProvider.MySql"/>.</summary>
    public string RequireConnectionString() =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? throw new InvalidOperationException(
                "Shop:Storage:Provider is MySql but Shop:Storage:ConnectionString is empty " +
                "(set it, e.g. the environment variable Shop__Storage__ConnectionString).")
            : ConnectionString;

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
