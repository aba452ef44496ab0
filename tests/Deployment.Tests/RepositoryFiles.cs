namespace Shop.Deployment.Tests;

/// <summary>Files of the repository the tests run from (found upwards from the test assembly by Ecommerce.sln).</summary>
internal static class RepositoryFiles
{
    public static readonly string Root = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ecommerce.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Ecommerce.sln above {AppContext.BaseDirectory}.");
    }
}
