namespace Shop.Deployment.Tests;

/// <summary>The kustomization lists every manifest of k8s/ and nothing that is not there (kustomize applies only what it lists).</summary>
public static class ResourceListCheck
{
    public static IReadOnlyList<string> Problems(Manifests manifests)
    {
        var listed = manifests.Kustomization.Resources;
        var problems = listed.Where(r => !manifests.Files.ContainsKey(r)).Select(r => $"kustomization.yaml lists {r}, which is not in k8s/.").ToList();
        problems.AddRange(manifests.Files.Keys
            .Where(f => f != Manifests.KustomizationFile && !listed.Contains(f))
            .Select(f => $"k8s/{f} is not listed in kustomization.yaml's resources."));
        problems.AddRange(listed.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => $"kustomization.yaml lists {g.Key} twice."));
        if (manifests.Kustomization is not { ApiVersion: "kustomize.config.k8s.io/v1beta1", Kind: "Kustomization" })
        {
            problems.Add("kustomization.yaml is not a kustomize.config.k8s.io/v1beta1 Kustomization.");
        }

        return problems;
    }
}
