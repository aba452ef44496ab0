using Shop.Gateway.Tests.Hosting;

namespace Shop.Gateway.Tests.Browser;

/// <summary>A shared silo on the embedded default, served on a real loopback port so that a browser can reach it.</summary>
public sealed class BrowserShop : ShopApiFactory
{
    public BrowserShop()
        : base(ShopStorage.Sqlite) => WithKestrel();
}
