using Shop.Journaling;
using Shop.Providers.MySql;

namespace Shop.Bench;

/// <summary>The one place the benchmarks set up our MariaDB provider, as a production silo does.</summary>
internal static class ShopMySql
{
    /// <summary>Orleans' ADO.NET invariant name of MySqlConnector ("MySql.Data.MySqlConnector").</summary>
    public const string AdoNetInvariant = MySqlInvariant.Name;

    /// <summary>Creates our tables and Orleans' ADO.NET tables and queries, before any silo starts.</summary>
    public static Task EnsureSchemaAsync(string connectionString) => MySqlSchema.EnsureAsync(connectionString);

    /// <summary>Our group-commit grain storage (default) and journal storage, with the journaling provider.</summary>
    public static ISiloBuilder AddShopMySqlStorage(this ISiloBuilder silo, string connectionString) =>
        silo.AddMySqlStorage(o => o.ConnectionString = connectionString).AddJournaling();
}
