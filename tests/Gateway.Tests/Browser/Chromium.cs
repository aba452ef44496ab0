using Microsoft.Playwright;

namespace Shop.Gateway.Tests.Browser;

/// <summary>
/// Debian's chromium (<c>apt-get install chromium</c>; <c>scripts/test.sh</c> installs it), driven by Playwright,
/// launched by its executable path, headless and without the sandbox (the tests run as root). Playwright never
/// downloads a browser here. <c>SHOP_TEST_CHROMIUM</c> names another executable.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutableVariable = "SHOP_TEST_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath => Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No chromium at {ExecutablePath}: install Debian's package (apt-get install chromium, as scripts/test.sh does) or set {ExecutableVariable}.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
