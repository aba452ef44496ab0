namespace Shop.Gateway.Tests.Hosting;

/// <summary>A shared silo on MariaDB (a fresh database, dropped afterwards), for <c>IClassFixture</c>.</summary>
public sealed class MySqlShop() : ShopApiFactory(ShopStorage.MySql);
