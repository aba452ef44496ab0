using k8s;
using k8s.Models;

namespace Shop.Deployment.Tests;

/// <summary>
/// The fields the API server requires of the kinds k8s/ uses (the models leave every field optional, so a manifest
/// missing one reads fine and is refused only by the cluster), and the resources the project requires of every
/// container (requests and limits of CPU and memory, so the scheduler and the HPA have figures to work with).
/// </summary>
public static class RequiredFieldsCheck
{
    public static IReadOnlyList<string> Problems(Manifests manifests)
    {
        var problems = new List<string>();
        foreach (var (file, obj) in manifests.Objects)
        {
            void Require(bool present, string field)
            {
                if (!present)
                {
                    problems.Add($"k8s/{file}: {obj.GetType().Name} {(obj as IMetadata<V1ObjectMeta>)?.Metadata?.Name} has no {field}.");
                }
            }

            var typed = (IKubernetesObject)obj;
            Require(!string.IsNullOrEmpty(typed.ApiVersion) && !string.IsNullOrEmpty(typed.Kind), "apiVersion and kind");
            Require(!string.IsNullOrEmpty((obj as IMetadata<V1ObjectMeta>)?.Metadata?.Name), "metadata.name");
            switch (obj)
            {
                case V1Deployment d:
                    Require(d.Spec?.Selector?.MatchLabels?.Count > 0, "spec.selector.matchLabels");
                    Pod(d.Spec?.Template, Require);
                    break;
                case V1StatefulSet s:
                    Require(s.Spec?.Selector?.MatchLabels?.Count > 0, "spec.selector.matchLabels");
                    Require(!string.IsNullOrEmpty(s.Spec?.ServiceName), "spec.serviceName");
                    Pod(s.Spec?.Template, Require);
                    foreach (var claim in s.Spec?.VolumeClaimTemplates ?? [])
                    {
                        Require(claim.Spec?.AccessModes?.Count > 0 && claim.Spec.Resources?.Requests?.ContainsKey("storage") == true, "volumeClaimTemplates[].spec.accessModes and resources.requests.storage");
                    }

                    break;
                case V1Service svc:
                    Require(svc.Spec?.Ports?.Count > 0 && svc.Spec.Ports.All(p => p.Port > 0), "spec.ports[].port");
                    break;
                case V2HorizontalPodAutoscaler hpa:
                    Require(hpa.Spec?.ScaleTargetRef is { Kind.Length: > 0, Name.Length: > 0 }, "spec.scaleTargetRef kind and name");
                    Require(hpa.Spec?.MaxReplicas >= (hpa.Spec?.MinReplicas ?? 1), "spec.maxReplicas at least minReplicas");
                    break;
                case V1PodDisruptionBudget pdb:
                    Require(pdb.Spec?.Selector?.MatchLabels?.Count > 0, "spec.selector.matchLabels");
                    Require((pdb.Spec?.MinAvailable is null) != (pdb.Spec?.MaxUnavailable is null), "exactly one of spec.minAvailable and spec.maxUnavailable");
                    break;
                case V1Role role:
                    Require(role.Rules?.Count > 0 && role.Rules.All(r => r.Verbs?.Count > 0), "rules[].verbs");
                    break;
                case V1RoleBinding binding:
                    Require(binding.RoleRef is { Kind.Length: > 0, Name.Length: > 0 }, "roleRef kind and name");
                    Require(binding.Subjects?.Count > 0 && binding.Subjects.All(s => s.Kind?.Length > 0 && s.Name?.Length > 0), "subjects[] kind and name");
                    break;
            }
        }

        return problems;
    }

    private static void Pod(V1PodTemplateSpec? template, Action<bool, string> require)
    {
        require(template?.Spec?.Containers?.Count > 0, "spec.template.spec.containers");
        foreach (var container in template?.Spec?.Containers ?? [])
        {
            require(!string.IsNullOrEmpty(container.Name) && !string.IsNullOrEmpty(container.Image), "containers[].name and image");
            require(container.Env?.All(e => !string.IsNullOrEmpty(e.Name) && (e.Value is null || e.ValueFrom is null)) ?? true, "env[].name (with value or valueFrom, not both)");
            foreach (var probe in new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe }.OfType<V1Probe>())
            {
                require(new object?[] { probe.HttpGet, probe.TcpSocket, probe.Exec, probe.Grpc }.Count(h => h is not null) == 1, "probe with exactly one handler");
            }

            require(container.Resources?.Requests?.ContainsKey("cpu") == true && container.Resources.Requests.ContainsKey("memory")
                && container.Resources.Limits?.ContainsKey("memory") == true && container.Resources.Limits.ContainsKey("cpu"), "resources.requests and limits for cpu and memory");
        }
    }
}
