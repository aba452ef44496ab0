namespace Shop.Gateway.Hosting;

/// <summary>Where the cluster keeps grain state, reminders and membership (<c>Shop:Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>
    /// One SQLite file under <c>Shop:DataDirectory</c>: the embedded default, a single silo on localhost
    /// clustering (a separate gateway process then connects to it on localhost).
    /// </summary>
    Sqlite,

    /// <summary>MariaDB (or MySQL) at <c>Shop:Storage:ConnectionString</c>, which also holds the cluster membership.</summary>
    MySql,
}
