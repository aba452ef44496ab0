using Microsoft.Playwright;

namespace Shop.Gateway.Tests.Browser;

/// <summary>The two screens every page is tried on: a desktop and a phone.</summary>
public sealed record Screen(string Name, int Width, int Height, bool IsMobile)
{
    public static readonly Screen Desktop = new("desktop", 1280, 860, false);
    public static readonly Screen Phone = new("phone", 390, 844, true);

    public static TheoryData<string> Names => [Desktop.Name, Phone.Name];

    public static Screen Named(string name) => name == Phone.Name ? Phone : Desktop;

    public BrowserNewContextOptions ContextOptions(Uri baseAddress) => new()
    {
        BaseURL = baseAddress.ToString().TrimEnd('/'),
        ViewportSize = new ViewportSize { Width = Width, Height = Height },
        IsMobile = IsMobile,
        HasTouch = IsMobile,
        DeviceScaleFactor = IsMobile ? 2 : 1,
        Locale = "ko-KR",
    };
}
