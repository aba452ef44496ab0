namespace Shop.Runtime;

/// <summary>
/// A write presented an ETag that no longer matches the stored one: another activation (or a
/// previous incarnation of this one) has written since. The activation that sees it is deactivated.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message, string? storedETag = null, string? currentETag = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StoredETag = storedETag;
        CurrentETag = currentETag;
    }

    /// <summary>The ETag found in the store, when the provider knows it.</summary>
    public string? StoredETag { get; }

    /// <summary>The ETag the writer presented.</summary>
    public string? CurrentETag { get; }
}
