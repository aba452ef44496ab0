namespace Shop.Gateway.Tests.Hosting;

/// <summary>Which database a test silo keeps its state in.</summary>
public enum ShopStorage
{
    /// <summary>The embedded default: SQLite under the data directory.</summary>
    Sqlite,

    /// <summary>MariaDB (a fresh <c>shop_test_*</c> database from <see cref="Shop.TestKit.MySqlTestDatabase"/>), as a cluster member.</summary>
    MySql,
}
