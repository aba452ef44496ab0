using MySqlConnector;
using Shop.Gateway.Hosting;

namespace Shop.Gateway.Tests.Hosting;

public sealed class StorageSettingsTests
{
    private const string Base = "Server=db;Port=3306;Database=shop;User ID=shop;Password=p;SslMode=None";

    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_default_cap()
    {
        var connectionString = new StorageSettings { Provider = StorageProvider.MySql, ConnectionString = Base }.RequireConnectionString();

        var builder = new MySqlConnectionStringBuilder(connectionString);
        Assert.Equal((uint)StorageSettings.DefaultMaximumPoolSize, builder.MaximumPoolSize);
        Assert.Equal(("db", "shop", "shop", "p"), (builder.Server, builder.Database, builder.UserID, builder.Password));
    }

    [Theory]
    [InlineData("Maximum Pool Size=7", 7)]
    [InlineData("maxpoolsize=9", 9)]
    [InlineData("Max Pool Size=200", 200)]
    public void A_pool_size_the_operator_chose_is_kept(string setting, int size)
    {
        var connectionString = new StorageSettings { Provider = StorageProvider.MySql, ConnectionString = $"{Base};{setting}" }.RequireConnectionString();

        Assert.Equal((uint)size, new MySqlConnectionStringBuilder(connectionString).MaximumPoolSize);
    }

    [Fact]
    public void A_string_that_is_no_connection_string_stops_start_up_naming_the_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new StorageSettings { Provider = StorageProvider.MySql, ConnectionString = "Server=db;Frobnicate=yes" }.Validate());

        Assert.Contains("Shop:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
