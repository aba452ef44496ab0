namespace Shop.Runtime;

/// <summary>Durable state of a grain, read on activation and written when the grain says so.</summary>
public interface IStorage
{
    /// <summary>The ETag of the stored row this state was read from or last written as; null when none exists.</summary>
    string? Etag { get; }

    /// <summary>True when a stored, non-cleared record backs the state.</summary>
    bool RecordExists { get; }

    /// <summary>Re-reads the state from storage, discarding changes in memory.</summary>
    Task ReadStateAsync();

    /// <summary>
    /// Writes the state, together with every stream event this activation published since its last write,
    /// in one transaction. Completes only once durable. A stale ETag throws
    /// <see cref="InconsistentStateException"/> and deactivates the activation.
    /// </summary>
    Task WriteStateAsync();

    /// <summary>Clears the stored state (the ETag keeps advancing) and resets <c>State</c> to a new instance.</summary>
    Task ClearStateAsync();
}

/// <summary>Durable state of type <typeparamref name="TState"/>.</summary>
public interface IStorage<TState> : IStorage
{
    TState State { get; set; }
}
