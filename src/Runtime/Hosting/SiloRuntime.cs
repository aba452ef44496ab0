using Shop.Runtime.Messaging;

namespace Shop.Runtime.Hosting;

internal sealed class SiloRuntime(GrainRuntime runtime) : ISiloRuntime
{
    public bool IsReady { get; internal set; }

    public int ActivationCount => runtime.Catalog.Count;

    public IReadOnlyDictionary<string, int> ActivationsByType =>
        runtime.Catalog.Activations.GroupBy(a => a.GrainId.Type).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public int CollectIdleActivations() => runtime.Catalog.CollectIdle();
}
