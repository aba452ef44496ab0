namespace Shop.Gateway.Tests.Hosting;

/// <summary>A shared silo on the embedded default (SQLite), for <c>IClassFixture</c>.</summary>
public sealed class SqliteShop() : ShopApiFactory(ShopStorage.Sqlite);
