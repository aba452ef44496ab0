using k8s;
using k8s.Models;

namespace Shop.Deployment.Tests;

/// <summary>
/// The manifests of k8s/ as Kubernetes objects: the kustomization and every YAML document of every resource it lists,
/// read into the KubernetesClient models strictly (a field the schema does not have is an error). Built from the
/// repository's files, or from edited copies of them, which is how the tests show that each check can fail.
/// </summary>
public sealed class Manifests
{
    public const string Directory = "k8s";
    public const string KustomizationFile = "kustomization.yaml";

    private Manifests(IReadOnlyDictionary<string, string> files, Kustomization kustomization, IReadOnlyList<(string File, object Object)> objects)
    {
        Files = files;
        Kustomization = kustomization;
        Objects = objects;
    }

    /// <summary>The YAML files of k8s/ by name (relative to k8s/), as read.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    public Kustomization Kustomization { get; }

    /// <summary>Every object of every listed resource, with the file it is in.</summary>
    public IReadOnlyList<(string File, object Object)> Objects { get; }

    public static Manifests FromRepository() => Load(ReadRepositoryFiles());

    /// <summary>The repository's manifests with <paramref name="oldText"/> replaced (it must be there) in <paramref name="file"/>.</summary>
    public static Manifests Edited(string file, string oldText, string newText)
    {
        var files = ReadRepositoryFiles();
        Assert.Contains(oldText, files[file]);
        files[file] = files[file].Replace(oldText, newText, StringComparison.Ordinal);
        return Load(files);
    }

    public static Manifests Load(IReadOnlyDictionary<string, string> files)
    {
        var kustomization = Kustomization.Parse(files[KustomizationFile]);
        var objects = new List<(string, object)>();
        foreach (var resource in kustomization.Resources.Where(files.ContainsKey))
        {
            try
            {
                objects.AddRange(KubernetesYaml.LoadAllFromString(files[resource], typeMap: null, strict: true).Select(o => (resource, o)));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"k8s/{resource} does not match the Kubernetes object schemas: {e.Message}", e);
            }
        }

        return new Manifests(files, kustomization, objects);
    }

    public IEnumerable<T> OfType<T>() => Objects.Select(o => o.Object).OfType<T>();

    public T Named<T>(string name) where T : IKubernetesObject<V1ObjectMeta> =>
        OfType<T>().SingleOrDefault(o => o.Metadata.Name == name) ?? throw new InvalidOperationException($"No {typeof(T).Name} named {name} in k8s/.");

    /// <summary>The pod templates of the workloads: (kind/name, template).</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template)> PodTemplates() =>
        OfType<V1Deployment>().Select(d => ($"Deployment/{d.Metadata.Name}", d.Spec.Template))
            .Concat(OfType<V1StatefulSet>().Select(s => ($"StatefulSet/{s.Metadata.Name}", s.Spec.Template)));

    /// <summary>The containers running one of the project's images (<c>shop-silo</c>, <c>shop-gateway</c>), with their pod.</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template, V1Container Container)> ContainersOf(string image) =>
        PodTemplates().SelectMany(p => p.Template.Spec.Containers.Where(c => ImageName(c.Image) == image).Select(c => (p.Workload, p.Template, c)));

    /// <summary>An image reference without its tag or digest (<c>registry/shop-silo:1.0</c> is <c>registry/shop-silo</c>).</summary>
    public static string ImageName(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var lastSlash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        return colon > lastSlash ? withoutDigest[..colon] : withoutDigest;
    }

    /// <summary>Every YAML file under k8s/, subdirectories included, by its path relative to k8s/.</summary>
    private static Dictionary<string, string> ReadRepositoryFiles()
    {
        var root = RepositoryFiles.PathOf(Directory);
        return System.IO.Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText, StringComparer.Ordinal);
    }
}
