using k8s.Models;

namespace Shop.Deployment.Tests;

/// <summary>
/// Selectors select what they are meant to: each workload its own pod template, each Service and PodDisruptionBudget
/// the pods of some workload (a Service's target port among their ports), each HorizontalPodAutoscaler a workload here,
/// each StatefulSet's serviceName a headless Service.
/// </summary>
public static class SelectorsCheck
{
    public static IReadOnlyList<string> Problems(Manifests manifests)
    {
        var problems = new List<string>();
        var templates = manifests.PodTemplates().ToList();
        foreach (var deployment in manifests.OfType<V1Deployment>())
        {
            Own($"Deployment/{deployment.Metadata.Name}", deployment.Spec.Selector, deployment.Spec.Template);
        }

        foreach (var set in manifests.OfType<V1StatefulSet>())
        {
            Own($"StatefulSet/{set.Metadata.Name}", set.Spec.Selector, set.Spec.Template);
            if (!manifests.OfType<V1Service>().Any(s => s.Metadata.Name == set.Spec.ServiceName && s.Spec.ClusterIP == "None"))
            {
                problems.Add($"StatefulSet/{set.Metadata.Name}: serviceName {set.Spec.ServiceName} is not a headless Service here.");
            }
        }

        foreach (var service in manifests.OfType<V1Service>())
        {
            var selected = templates.Where(t => Matches(service.Spec.Selector, t.Template)).ToList();
            if (selected.Count == 0)
            {
                problems.Add($"Service/{service.Metadata.Name}: its selector matches no pod template.");
                continue;
            }

            foreach (var port in service.Spec.Ports)
            {
                var target = port.TargetPort?.Value ?? port.Port.ToString();
                foreach (var (workload, template) in selected.Where(s => !s.Template.Spec.Containers.SelectMany(c => c.Ports ?? []).Any(p => p.Name == target || p.ContainerPort.ToString() == target)))
                {
                    problems.Add($"Service/{service.Metadata.Name}: targetPort {target} is not a port of {workload}.");
                }
            }
        }

        foreach (var budget in manifests.OfType<V1PodDisruptionBudget>().Where(b => !templates.Any(t => Matches(b.Spec.Selector.MatchLabels, t.Template))))
        {
            problems.Add($"PodDisruptionBudget/{budget.Metadata.Name}: its selector matches no pod template.");
        }

        foreach (var hpa in manifests.OfType<V2HorizontalPodAutoscaler>().Where(h => !templates.Any(t => t.Workload == $"{h.Spec.ScaleTargetRef.Kind}/{h.Spec.ScaleTargetRef.Name}")))
        {
            problems.Add($"HorizontalPodAutoscaler/{hpa.Metadata.Name}: its target {hpa.Spec.ScaleTargetRef.Kind}/{hpa.Spec.ScaleTargetRef.Name} is not here.");
        }

        return problems;

        void Own(string workload, V1LabelSelector selector, V1PodTemplateSpec template)
        {
            if (!Matches(selector.MatchLabels, template))
            {
                problems.Add($"{workload}: its selector does not match its own pod template's labels.");
            }
        }
    }

    private static bool Matches(IDictionary<string, string>? selector, V1PodTemplateSpec template) =>
        selector is { Count: > 0 } && selector.All(s => template.Metadata?.Labels?.TryGetValue(s.Key, out var v) == true && v == s.Value);
}
