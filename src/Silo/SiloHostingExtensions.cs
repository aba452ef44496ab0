using Shop.Grains;
using Shop.Providers.MySql;
using Shop.Providers.Sqlite;
using Shop.Runtime.Hosting;

namespace Shop.Silo;

public static class SiloHostingExtensions
{
    /// <summary>Adds the commerce silo with the storage provider that configuration selects.</summary>
    public static IHostApplicationBuilder AddShopSilo(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ShopSiloOptions.Section).Get<ShopSiloOptions>() ?? new ShopSiloOptions();
        builder.Services.AddSilo(silo =>
        {
            silo.AddGrains(typeof(GrainsAssembly).Assembly);
            switch (options.Storage.Provider)
            {
                case StorageProvider.Sqlite:
                    silo.UseSqliteStorage(o => o.DataDirectory = options.DataDirectory);
                    break;
                case StorageProvider.MySql:
                    var connectionString = options.Storage.ConnectionString;
                    if (string.IsNullOrWhiteSpace(connectionString))
                    {
                        throw new InvalidOperationException("Shop:Storage:Provider is MySql but Shop:Storage:ConnectionString is empty.");
                    }

                    silo.UseMySqlStorage(o => o.ConnectionString = connectionString);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown storage provider '{options.Storage.Provider}'.");
            }
        });
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: ["ready"]);
        return builder;
    }
}
