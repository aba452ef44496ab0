namespace Shop.Deployment.Tests;

/// <summary>The Dockerfiles of the silo and the gateway (no image is built here; what they say is checked).</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Processes() => [.. DockerfileCheck.Processes.Select(p => p.Dockerfile)];

    [Theory]
    [MemberData(nameof(Processes))]
    public void The_Dockerfile_publishes_its_project_and_runs_it_as_a_non_root_user_on_the_manifests_ports(string dockerfile) =>
        Assert.Empty(Check(dockerfile, RepositoryFiles.Read(dockerfile)));

    [Theory]
    [InlineData("src/Silo/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime\n", "", "not multi-stage")]
    [InlineData("src/Silo/Dockerfile", "src/Silo/Shop.Silo.csproj", "src/Gateway/Shop.Gateway.csproj", "does not 'dotnet publish src/Silo/Shop.Silo.csproj -c Release'")]
    [InlineData("src/Gateway/Dockerfile", "-c Release", "-c Debug", "does not 'dotnet publish src/Gateway/Shop.Gateway.csproj -c Release'")]
    [InlineData("src/Gateway/Dockerfile", "\"Shop.Gateway.dll\"", "\"Gateway.dll\"", "ENTRYPOINT must be [\"dotnet\", \"Shop.Gateway.dll\"]")]
    [InlineData("src/Silo/Dockerfile", "USER $APP_UID", "USER root", "non-root USER")]
    [InlineData("src/Silo/Dockerfile", "USER $APP_UID\n", "", "non-root USER")]
    [InlineData("src/Silo/Dockerfile", "EXPOSE 8080 11111 30000", "EXPOSE 8080 11111", "EXPOSE 8080 11111 differs")]
    [InlineData("src/Gateway/Dockerfile", "COPY Directory.Build.props Directory.Packages.props ./", "COPY Directory.Build.props ./", "does not COPY Directory.Packages.props")]
    [InlineData("src/Gateway/Dockerfile", "COPY --from=build /app ./", "COPY /app ./", "copies nothing from the build stage")]
    [InlineData("src/Gateway/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:10.0", "FROM mcr.microsoft.com/dotnet/sdk:10.0", "final stage must be FROM mcr.microsoft.com/dotnet/aspnet:10.0")]
    public void A_Dockerfile_that_builds_or_runs_the_wrong_thing_is_reported(string dockerfile, string oldText, string newText, string expected)
    {
        var text = RepositoryFiles.Read(dockerfile);
        Assert.Contains(oldText, text);

        Assert.Contains(Check(dockerfile, text.Replace(oldText, newText, StringComparison.Ordinal)), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Continued_lines_and_comments_are_read_as_Docker_reads_them()
    {
        var dockerfile = Dockerfile.Parse("# c\nFROM a AS b\nRUN x \\\n  y\n# d\nFROM c\nENTRYPOINT [\"dotnet\", \"A.dll\"]\n");

        Assert.Equal(2, dockerfile.Stages.Count);
        Assert.Equal(("RUN", "x    y"), dockerfile.Stages[0][1]);
        Assert.Equal<string>(["dotnet", "A.dll"], Dockerfile.ExecForm(dockerfile.LastInFinal("ENTRYPOINT")) ?? []);
    }

    private static IReadOnlyList<string> Check(string dockerfile, string text)
    {
        var (_, project, image) = DockerfileCheck.Processes.Single(p => p.Dockerfile == dockerfile);
        return DockerfileCheck.Problems(dockerfile, text, project, image, Manifests.FromRepository());
    }
}
