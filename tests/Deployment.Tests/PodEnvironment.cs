using System.Text.RegularExpressions;
using k8s.Models;

namespace Shop.Deployment.Tests;

/// <summary>
/// The environment a container gets, as the kubelet makes it: <c>envFrom</c> ConfigMaps first, then <c>env</c> in order
/// (later wins), with <c>$(NAME)</c> expanded from variables defined before. Values the cluster supplies at run time
/// stand in as the operator or the kubelet would supply them (<see cref="StandIn"/>).
/// </summary>
public static partial class PodEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(V1Container container, Manifests manifests)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } reference && manifests.OfType<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name == reference.Name) is { } map)
            {
                foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
                {
                    environment[source.Prefix + key] = value;
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            environment[variable.Name] = variable.ValueFrom is { } from
                ? StandIn(from, manifests)
                : Reference().Replace(variable.Value ?? "", m => environment.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
        }

        return environment;
    }

    /// <summary>The <c>$(NAME)</c> references in a value.</summary>
    public static IEnumerable<string> References(string? value) => Reference().Matches(value ?? "").Select(m => m.Groups[1].Value);

    /// <summary>
    /// What a value from the cluster looks like: a Secret's value as k8s/secrets/README.md says to make it (the signing
    /// key base64 of 32 bytes, passwords long enough), a ConfigMap's value itself, the downward API's pod fields.
    /// </summary>
    private static string StandIn(V1EnvVarSource from, Manifests manifests) => from switch
    {
        { SecretKeyRef.Key: "signing-key" } => Convert.ToBase64String(new byte[32]),
        { SecretKeyRef: not null } => "0123456789abcdef0123456789abcdef",
        { ConfigMapKeyRef: { } r } => manifests.OfType<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name == r.Name)?.Data is { } data && data.TryGetValue(r.Key, out var value) ? value : "",
        { FieldRef.FieldPath: "status.podIP" } => "10.244.1.17",
        { FieldRef.FieldPath: "metadata.namespace" } => "shop",
        { FieldRef.FieldPath: "metadata.name" } => "shop-silo-7d9f8b6c5d-x2x4q",
        _ => "",
    };

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
