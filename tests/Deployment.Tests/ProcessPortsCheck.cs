using k8s.Models;
using Microsoft.Extensions.Configuration;
using Shop.Gateway.Hosting;

namespace Shop.Deployment.Tests;

/// <summary>
/// The project's containers declare the ports their processes listen on, by the configuration the manifests give them:
/// HTTP from <c>ASPNETCORE_URLS</c> (the processes fall back to localhost, unreachable in a pod, unless <c>urls</c> is set:
/// HostUrls.UseDefaultUrl, which <c>ASPNETCORE_HTTP_PORTS</c> does not satisfy), and a silo's Orleans ports from
/// <c>Shop:Cluster</c>; the probes ask the health endpoints on the HTTP port.
/// </summary>
public static class ProcessPortsCheck
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static IReadOnlyList<string> Problems(Manifests manifests)
    {
        var problems = new List<string>();
        foreach (var image in new[] { ProcessConfiguration.SiloImage, ProcessConfiguration.GatewayImage })
        {
            foreach (var (workload, _, container) in manifests.ContainersOf(image))
            {
                var where = $"{workload} container {container.Name}";
                var environment = PodEnvironment.Of(container, manifests);
                var declared = (container.Ports ?? []).ToDictionary(p => p.ContainerPort, p => p.Name);
                if (HttpPort(environment) is not { } http)
                {
                    problems.Add($"{where}: ASPNETCORE_URLS must name the HTTP port on every address (http://+:<port>); it is '{environment.GetValueOrDefault("ASPNETCORE_URLS")}'.");
                    continue;
                }

                var expected = new List<(int Port, string What)> { (http, "HTTP (ASPNETCORE_URLS)") };
                if (image == ProcessConfiguration.SiloImage)
                {
                    var cluster = ProcessConfiguration.From(environment).GetSection("Shop:Cluster").Get<ClusterSettings>() ?? new ClusterSettings();
                    expected.Add((cluster.SiloPort, "Shop:Cluster:SiloPort"));
                    expected.Add((cluster.GatewayPort, "Shop:Cluster:GatewayPort"));
                }

                problems.AddRange(expected.Where(e => !declared.ContainsKey(e.Port)).Select(e => $"{where}: no containerPort {e.Port} for {e.What}."));
                problems.AddRange(declared.Keys.Where(p => expected.All(e => e.Port != p)).Select(p => $"{where}: containerPort {p} is not a port the process listens on."));

                Probe(container.LivenessProbe, "livenessProbe", LivePath);
                Probe(container.StartupProbe, "startupProbe", LivePath, optional: true);
                Probe(container.ReadinessProbe, "readinessProbe", ReadyPath);

                void Probe(V1Probe? probe, string name, string path, bool optional = false)
                {
                    if (probe is null)
                    {
                        if (!optional)
                        {
                            problems.Add($"{where}: no {name}.");
                        }

                        return;
                    }

                    var port = probe.HttpGet?.Port?.Value;
                    var target = int.TryParse(port, out var number) ? number : declared.FirstOrDefault(d => d.Value == port).Key;
                    if (probe.HttpGet?.Path != path || target != http)
                    {
                        problems.Add($"{where}: {name} must GET {path} on the HTTP port {http}; it asks {probe.HttpGet?.Path} on '{port}'.");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>The port of <c>ASPNETCORE_URLS</c> when it listens on every address (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>).</summary>
    private static int? HttpPort(IReadOnlyDictionary<string, string> environment)
    {
        var urls = environment.GetValueOrDefault("ASPNETCORE_URLS")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        foreach (var url in urls)
        {
            var rest = url.StartsWith("http://", StringComparison.Ordinal) ? url["http://".Length..].TrimEnd('/') : null;
            var colon = rest?.LastIndexOf(':') ?? -1;
            if (rest is not null && colon > 0 && rest[..colon] is "+" or "*" or "0.0.0.0" or "[::]" && int.TryParse(rest[(colon + 1)..], out var port))
            {
                return port;
            }
        }

        return null;
    }
}
