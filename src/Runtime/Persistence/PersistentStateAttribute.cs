using Shop.Runtime.Storage;

namespace Shop.Runtime;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime
/// loads it from the named store before <see cref="Grain.OnActivateAsync"/>.
/// </summary>
/// <param name="stateName">The state's name, unique within the grain (part of the storage key).</param>
/// <param name="storageName">The store; <see cref="StorageNames.Default"/> when omitted.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;

    public string StorageName { get; } = storageName ?? StorageNames.Default;
}
