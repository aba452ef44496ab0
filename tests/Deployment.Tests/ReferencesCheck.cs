using k8s.Models;

namespace Shop.Deployment.Tests;

/// <summary>
/// What a pod refers to exists in k8s/: Secrets and their keys (made by the kustomization's generators), ConfigMaps and
/// their keys, ServiceAccounts, and the variables a <c>$(NAME)</c> in a value expands (defined before it, or the
/// kubelet leaves the text as it is).
/// </summary>
public static class ReferencesCheck
{
    public static IReadOnlyList<string> Problems(Manifests manifests)
    {
        var problems = new List<string>();
        var secrets = manifests.Kustomization.GeneratedSecrets();
        var configMaps = manifests.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name, c => (IReadOnlySet<string>)(c.Data?.Keys.ToHashSet() ?? []));
        var accounts = manifests.OfType<V1ServiceAccount>().Select(a => a.Metadata.Name).ToHashSet();
        foreach (var (workload, template) in manifests.PodTemplates())
        {
            if (template.Spec.ServiceAccountName is { } account && !accounts.Contains(account))
            {
                problems.Add($"{workload}: ServiceAccount {account} is not defined.");
            }

            foreach (var volume in template.Spec.Volumes ?? [])
            {
                if (volume.ConfigMap is { } map && !configMaps.ContainsKey(map.Name))
                {
                    problems.Add($"{workload}: volume {volume.Name} mounts ConfigMap {map.Name}, which is not defined.");
                }

                if (volume.Secret is { } secret && !secrets.ContainsKey(secret.SecretName))
                {
                    problems.Add($"{workload}: volume {volume.Name} mounts Secret {secret.SecretName}, which is not generated.");
                }
            }

            foreach (var container in template.Spec.Containers)
            {
                var where = $"{workload} container {container.Name}";
                foreach (var from in container.EnvFrom ?? [])
                {
                    if (from.ConfigMapRef is { } map && !configMaps.ContainsKey(map.Name))
                    {
                        problems.Add($"{where}: envFrom ConfigMap {map.Name} is not defined.");
                    }

                    if (from.SecretRef is { } secret && !secrets.ContainsKey(secret.Name))
                    {
                        problems.Add($"{where}: envFrom Secret {secret.Name} is not generated.");
                    }
                }

                var defined = new HashSet<string>(
                    (container.EnvFrom ?? []).Select(f => f.ConfigMapRef?.Name).OfType<string>().SelectMany(n => configMaps.GetValueOrDefault(n) ?? new HashSet<string>()),
                    StringComparer.Ordinal);
                foreach (var variable in container.Env ?? [])
                {
                    if (variable.ValueFrom?.SecretKeyRef is { } s && !(secrets.TryGetValue(s.Name, out var keys) && keys.Contains(s.Key)))
                    {
                        problems.Add($"{where}: {variable.Name} reads key {s.Key} of Secret {s.Name}, which no secretGenerator makes.");
                    }

                    if (variable.ValueFrom?.ConfigMapKeyRef is { } c && !(configMaps.TryGetValue(c.Name, out var mapKeys) && mapKeys.Contains(c.Key)))
                    {
                        problems.Add($"{where}: {variable.Name} reads key {c.Key} of ConfigMap {c.Name}, which is not defined.");
                    }

                    problems.AddRange(PodEnvironment.References(variable.Value).Where(r => !defined.Contains(r))
                        .Select(r => $"{where}: {variable.Name} refers to $({r}), which is not defined before it."));
                    defined.Add(variable.Name);
                }
            }
        }

        return problems;
    }
}
