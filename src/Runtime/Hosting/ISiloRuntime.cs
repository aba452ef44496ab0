namespace Shop.Runtime.Hosting;

/// <summary>What operators and health checks can see of the local silo.</summary>
public interface ISiloRuntime
{
    /// <summary>True between the end of start-up and the beginning of shutdown.</summary>
    bool IsReady { get; }

    /// <summary>Live activations of this silo.</summary>
    int ActivationCount { get; }

    /// <summary>Live activations per grain type.</summary>
    IReadOnlyDictionary<string, int> ActivationsByType { get; }

    /// <summary>Deactivates every activation that has been idle for longer than its collection age; returns how many.</summary>
    int CollectIdleActivations();
}
