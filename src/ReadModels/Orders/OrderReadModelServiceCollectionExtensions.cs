using Microsoft.Extensions.DependencyInjection;
using Shop.Grains.ReadModels;

namespace Shop.ReadModels.Orders;

/// <summary>Registers the orders read model (<see cref="IOrderReadModel"/>) of the configured store.</summary>
public static class OrderReadModelServiceCollectionExtensions
{
    /// <summary>The embedded default: <c>orders.db</c> in <paramref name="dataDirectory"/>.</summary>
    public static IServiceCollection AddSqliteOrderReadModel(this IServiceCollection services, string dataDirectory) =>
        services.AddSingleton<IOrderReadModel>(new SqliteOrderReadModel(dataDirectory));

    /// <summary>
    /// A cluster: the <c>order_summaries</c> table in the MariaDB database of <paramref name="connectionString"/>. Made by
    /// the container, so that the container disposes it and its last upserts are written before the host ends.
    /// </summary>
    public static IServiceCollection AddMySqlOrderReadModel(this IServiceCollection services, string connectionString) =>
        services.AddSingleton<IOrderReadModel>(_ => new MySqlOrderReadModel(connectionString));
}
