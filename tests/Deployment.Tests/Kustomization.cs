using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Shop.Deployment.Tests;

/// <summary>
/// The parts of k8s/kustomization.yaml the checks use. Read strictly: a field this class does not know is an error, so a
/// misspelt field (which kustomize would refuse) fails here too.
/// </summary>
public sealed class Kustomization
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public string? Namespace { get; set; }

    public List<LabelSet> Labels { get; set; } = [];

    public List<string> Resources { get; set; } = [];

    public List<Generator> SecretGenerator { get; set; } = [];

    public List<ImageOverride> Images { get; set; } = [];

    public static Kustomization Parse(string yaml) =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<Kustomization>(yaml);

    /// <summary>The Secrets the generators make: name and keys (a <c>files</c> entry is <c>key=path</c>, or the file's name).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> GeneratedSecrets() =>
        SecretGenerator.ToDictionary(
            g => g.Name!,
            g => (IReadOnlySet<string>)g.Files.Select(f => f.Contains('=') ? f[..f.IndexOf('=')] : Path.GetFileName(f))
                .Concat(g.Literals.Select(l => l[..l.IndexOf('=')]))
                .ToHashSet(StringComparer.Ordinal));

    public sealed class LabelSet
    {
        public Dictionary<string, string> Pairs { get; set; } = [];

        public bool IncludeSelectors { get; set; }

        public bool IncludeTemplates { get; set; }
    }

    public sealed class Generator
    {
        public string? Name { get; set; }

        public List<string> Files { get; set; } = [];

        public List<string> Literals { get; set; } = [];
    }

    public sealed class ImageOverride
    {
        public string? Name { get; set; }

        public string? NewName { get; set; }

        public string? NewTag { get; set; }
    }
}
