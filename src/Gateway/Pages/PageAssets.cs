using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Shop.Gateway.Pages;

/// <summary>
/// The files of the pages (HTML, CSS, JavaScript), embedded in this assembly so that a silo co-hosting the gateway
/// serves the same pages as a gateway process without copying a web root around. Read once; each carries an ETag.
/// </summary>
public static class PageAssets
{
    private const string Prefix = "pages/";

    private static readonly FrozenDictionary<string, PageAsset> Assets = Load();

    public static PageAsset? Find(string name) => Assets.GetValueOrDefault(name);

    public static PageAsset Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"The page asset '{name}' is not embedded in {typeof(PageAssets).Assembly.GetName().Name}.");

    private static FrozenDictionary<string, PageAsset> Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        var assets = new Dictionary<string, PageAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource[Prefix.Length..];
            assets[name] = new PageAsset(name, ContentTypeOf(name), content, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}

/// <summary>One embedded page file.</summary>
public sealed record PageAsset(string Name, string ContentType, byte[] Content, string ETag);
