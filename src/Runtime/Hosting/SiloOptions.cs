namespace Shop.Runtime.Hosting;

/// <summary>Runtime options of a silo.</summary>
public sealed class SiloOptions
{
    /// <summary>How long a caller waits for a grain call's response before a <see cref="TimeoutException"/>. Default 30 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is collected. Default 15 minutes.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 minute.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Collection age per grain type name; wins over <see cref="CollectionAgeLimitAttribute"/> and <see cref="CollectionAge"/>.</summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; } = new(StringComparer.Ordinal);

    /// <summary>Time given to <c>OnActivateAsync</c> (its cancellation token fires after it). Default 30 s.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time given to <c>OnDeactivateAsync</c> (its cancellation token fires after it). Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time graceful shutdown waits for all activations to deactivate. Default 60 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
