namespace Shop.TestKit;

/// <summary>Finds the silo and gateway executables that building this test project built in their own bin folders.</summary>
public static class BuiltHost
{
    public static string Silo => Locate("Silo", "Shop.Silo.dll");

    public static string Gateway => Locate("Gateway", "Shop.Gateway.dll");

    // This assembly runs from tests/Silo.Tests/bin/<Configuration>/<tfm>/; the hosts are in src/<Project>/bin/<Configuration>/<tfm>/.
    private static string Locate(string project, string assembly)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", project, "bin", configuration, tfm, assembly);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{assembly} ({configuration}/{tfm}) was not found under src/{project}/bin; build the project that references src/Silo and src/Gateway first.");
    }
}
