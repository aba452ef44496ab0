using Microsoft.Playwright;

namespace Shop.Gateway.Tests.Browser;

/// <summary>
/// Saves a full-page screenshot of every page a browser test visits, as the run's artifacts: under
/// <c>SHOP_TEST_ARTIFACTS</c> when set, else <c>TestResults/screenshots</c> at the repository's root, one folder per
/// scenario and screen, numbered in the order taken.
/// </summary>
public sealed class Screenshots(string scenario, Screen screen)
{
    private int _taken;

    public string Directory { get; } = Path.Combine(Root(), scenario, screen.Name);

    public async Task TakeAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var file = Path.Combine(Directory, $"{++_taken:D2}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    private static string Root()
    {
        if (Environment.GetEnvironmentVariable("SHOP_TEST_ARTIFACTS") is { Length: > 0 } configured)
        {
            return Path.Combine(configured, "screenshots");
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ecommerce.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
    }
}
