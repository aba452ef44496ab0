namespace Shop.Runtime.Streams;

public static class StreamProviderNames
{
    /// <summary>The durable stream provider, stored in the default grain store's database.</summary>
    public const string Default = "Default";
}
