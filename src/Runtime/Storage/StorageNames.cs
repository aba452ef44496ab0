namespace Shop.Runtime.Storage;

/// <summary>Well-known storage names.</summary>
public static class StorageNames
{
    /// <summary>
    /// The store used when <c>[PersistentState]</c> names none, and for every name that has no keyed
    /// <see cref="IGrainStorage"/> registration of its own.
    /// </summary>
    public const string Default = "Default";
}
