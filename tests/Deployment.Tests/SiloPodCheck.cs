using System.Text.RegularExpressions;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting.Kubernetes;
using Shop.Gateway.Hosting;
using Shop.Silo;

namespace Shop.Deployment.Tests;

/// <summary>
/// What a silo pod needs for Orleans' Kubernetes hosting and for leaving in good order: the switch on, the pod's name,
/// namespace and IP from the downward API, the labels the agent selects pods by equal to the cluster id, a
/// ServiceAccount whose Role allows what the agent calls, and a termination grace period longer than the silo's
/// shutdown timeout.
/// </summary>
public static partial class SiloPodCheck
{
    /// <summary>
    /// The verbs on pods that Orleans' KubernetesClusterAgent uses: ReadNamespacedPod (get) and PatchNamespacedPod
    /// (patch, its labels) on its own pod, ListNamespacedPod (list) and WatchListNamespacedPod (watch) over the cluster's,
    /// DeleteNamespacedPod (delete) on a dead silo's when DeleteDefunctSiloPods is on.
    /// </summary>
    public static readonly string[] AgentVerbs = ["get", "patch", "list", "watch"];

    public static IReadOnlyList<string> Problems(Manifests manifests)
    {
        var problems = new List<string>();
        var shutdownTimeout = SiloShutdownTimeout();
        var silos = manifests.ContainersOf(ProcessConfiguration.SiloImage).ToList();
        if (silos.Count == 0)
        {
            return ["No workload runs the shop-silo image."];
        }

        foreach (var (workload, template, container) in silos)
        {
            var configuration = ProcessConfiguration.From(PodEnvironment.Of(container, manifests));
            var clusterId = (configuration.GetSection("Shop:Cluster").Get<ClusterSettings>() ?? new ClusterSettings()).ClusterId;
            var kubernetes = configuration.GetSection(KubernetesSettings.Section).Get<KubernetesSettings>() ?? new KubernetesSettings();
            if (!kubernetes.Enabled)
            {
                problems.Add($"{workload}: Shop__Kubernetes__Enabled is not true.");
            }

            foreach (var label in new[] { KubernetesHostingOptions.ServiceIdLabel, KubernetesHostingOptions.ClusterIdLabel })
            {
                if ((template.Metadata.Labels?.TryGetValue(label, out var value) == true ? value : null) != clusterId)
                {
                    problems.Add($"{workload}: pod label {label} must be the cluster id '{clusterId}' (Shop__Cluster__ClusterId).");
                }
            }

            foreach (var (variable, field) in new[]
            {
                (KubernetesHostingOptions.PodNameEnvironmentVariable, "metadata.name"),
                (KubernetesHostingOptions.PodNamespaceEnvironmentVariable, "metadata.namespace"),
                (KubernetesSettings.PodIPKey, "status.podIP"),
            })
            {
                if (container.Env?.SingleOrDefault(e => e.Name == variable)?.ValueFrom?.FieldRef?.FieldPath != field)
                {
                    problems.Add($"{workload}: {variable} must come from the downward API field {field}.");
                }
            }

            var verbs = RoleVerbsOnPods(manifests, template.Spec.ServiceAccountName);
            var needed = kubernetes.DeleteDefunctSiloPods ? [.. AgentVerbs, "delete"] : AgentVerbs;
            foreach (var verb in needed.Where(v => !verbs.Contains(v) && !verbs.Contains("*")))
            {
                problems.Add($"{workload}: ServiceAccount '{template.Spec.ServiceAccountName}' may not {verb} pods, which Orleans' Kubernetes hosting does.");
            }

            if (!(template.Spec.TerminationGracePeriodSeconds > shutdownTimeout.TotalSeconds))
            {
                problems.Add($"{workload}: terminationGracePeriodSeconds {template.Spec.TerminationGracePeriodSeconds} must exceed the silo's shutdown timeout of {shutdownTimeout.TotalSeconds} s.");
            }
        }

        return problems;
    }

    /// <summary>The HostOptions.ShutdownTimeout src/Silo/Program.cs sets; the check fails loudly if it is no longer set there so.</summary>
    public static TimeSpan SiloShutdownTimeout()
    {
        var match = ShutdownTimeoutStatement().Match(RepositoryFiles.Read("src/Silo/Program.cs"));
        return match.Success
            ? TimeSpan.FromSeconds(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            : throw new InvalidOperationException("src/Silo/Program.cs no longer sets ShutdownTimeout = TimeSpan.FromSeconds(n); update this check.");
    }

    /// <summary>The verbs on core pods that the Roles bound to <paramref name="account"/> grant.</summary>
    private static HashSet<string> RoleVerbsOnPods(Manifests manifests, string? account)
    {
        var roles = manifests.OfType<V1RoleBinding>()
            .Where(b => b.RoleRef.Kind == "Role" && b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == (account ?? "default")))
            .Select(b => b.RoleRef.Name)
            .ToHashSet();
        return manifests.OfType<V1Role>().Where(r => roles.Contains(r.Metadata.Name))
            .SelectMany(r => r.Rules)
            .Where(rule => rule.ApiGroups?.Contains("") == true && rule.Resources?.Contains("pods") == true)
            .SelectMany(rule => rule.Verbs)
            .ToHashSet();
    }

    [GeneratedRegex(@"ShutdownTimeout\s*=\s*TimeSpan\.FromSeconds\((\d+)\)")]
    private static partial Regex ShutdownTimeoutStatement();
}
