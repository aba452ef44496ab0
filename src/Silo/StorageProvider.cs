namespace Shop.Silo;

/// <summary>Where the silo keeps grain state, streams and reminders (<c>Shop:Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file under <c>Shop:DataDirectory</c>: the embedded default.</summary>
    Sqlite,

    /// <summary>MariaDB (or MySQL) at <c>Shop:Storage:ConnectionString</c>.</summary>
    MySql,
}
