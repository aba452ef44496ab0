using System.Xml.Linq;

namespace Shop.Deployment.Tests;

/// <summary>
/// Each process's Dockerfile builds that process: the .NET 10 SDK stage publishes its project in Release, the ASP.NET
/// runtime stage copies the output, runs as a non-root user, starts the project's assembly, and exposes exactly the
/// ports the manifests declare for that image.
/// </summary>
public static class DockerfileCheck
{
    public const string SdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";
    public const string RuntimeImage = "mcr.microsoft.com/dotnet/aspnet:10.0";

    /// <summary>The processes: Dockerfile, project, and the image name the manifests use.</summary>
    public static readonly (string Dockerfile, string Project, string Image)[] Processes =
    [
        ("src/Silo/Dockerfile", "src/Silo/Shop.Silo.csproj", ProcessConfiguration.SiloImage),
        ("src/Gateway/Dockerfile", "src/Gateway/Shop.Gateway.csproj", ProcessConfiguration.GatewayImage),
    ];

    public static IReadOnlyList<string> Problems(string dockerfilePath, string dockerfileText, string project, string image, Manifests manifests)
    {
        var problems = new List<string>();
        var dockerfile = Dockerfile.Parse(dockerfileText);
        var where = dockerfilePath;
        if (dockerfile.Stages.Count < 2)
        {
            return [$"{where}: not multi-stage."];
        }

        var build = dockerfile.Stages[0][0].Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (build is not [SdkImage, var asWord, var buildStage] || !asWord.Equals("AS", StringComparison.OrdinalIgnoreCase))
        {
            return [$"{where}: the first stage must be 'FROM {SdkImage} AS <name>'."];
        }

        if (dockerfile.Final[0].Arguments.Split(' ')[0] != RuntimeImage)
        {
            problems.Add($"{where}: the final stage must be FROM {RuntimeImage}.");
        }

        var buildSteps = dockerfile.Stages[0];
        var copied = buildSteps.Where(i => i.Instruction == "COPY").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        foreach (var props in new[] { "Directory.Build.props", "Directory.Packages.props" }.Where(p => !copied.Contains(p)))
        {
            problems.Add($"{where}: the build stage does not COPY {props}, which restore and build read.");
        }

        var publish = buildSteps.Where(i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).Select(i => i.Arguments).ToList();
        if (!publish.Any(p => p.Split(' ').Contains(project) && p.Contains("-c Release", StringComparison.Ordinal)))
        {
            problems.Add($"{where}: the build stage does not 'dotnet publish {project} -c Release'.");
        }

        if (!dockerfile.Final.Any(i => i.Instruction == "COPY" && i.Arguments.StartsWith($"--from={buildStage} ", StringComparison.Ordinal)))
        {
            problems.Add($"{where}: the final stage copies nothing from the build stage {buildStage}.");
        }

        var assembly = XDocument.Load(RepositoryFiles.PathOf(project)).Descendants("AssemblyName").Single().Value;
        if (Dockerfile.ExecForm(dockerfile.LastInFinal("ENTRYPOINT")) is not ["dotnet", var dll] || dll != assembly + ".dll")
        {
            problems.Add($"{where}: ENTRYPOINT must be [\"dotnet\", \"{assembly}.dll\"] (the AssemblyName of {project}).");
        }

        var user = dockerfile.LastInFinal("USER");
        if (user is null || user.Split(':')[0] is "root" or "0")
        {
            problems.Add($"{where}: the final stage must run as a non-root USER ($APP_UID, the image's app user); it is '{user}'.");
        }

        var exposed = dockerfile.Final.Where(i => i.Instruction == "EXPOSE")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        var declared = manifests.ContainersOf(image).SelectMany(c => c.Container.Ports ?? []).Select(p => p.ContainerPort).ToHashSet();
        if (declared.Count == 0)
        {
            problems.Add($"{where}: no container in k8s/ runs the image {image}.");
        }
        else if (!exposed.SetEquals(declared))
        {
            problems.Add($"{where}: EXPOSE {string.Join(' ', exposed.Order())} differs from the containerPorts of {image} in k8s/ ({string.Join(' ', declared.Order())}).");
        }

        return problems;
    }
}
