namespace Shop.Silo;

/// <summary>The silo's configuration, bound from the <c>Shop</c> section.</summary>
public sealed class ShopSiloOptions
{
    public const string Section = "Shop";

    /// <summary>Directory of the embedded database and other local files. Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "./data";

    public StorageSettings Storage { get; set; } = new();

    public sealed class StorageSettings
    {
        /// <summary>Default <see cref="StorageProvider.Sqlite"/>.</summary>
        public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

        /// <summary>Connection string of the MariaDB provider; required when it is selected, ignored otherwise.</summary>
        public string? ConnectionString { get; set; }
    }
}
