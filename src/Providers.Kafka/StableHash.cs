namespace Shop.Providers.Kafka;

/// <summary>
/// FNV-1a (32 bit): a hash that is the same in every process, version and platform, unlike
/// <see cref="string.GetHashCode()"/>, which .NET randomizes per process. Silos and clients must all put a
/// stream on the same partition.
/// </summary>
internal static class StableHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Fnv1a(ReadOnlySpan<byte> data)
    {
        var hash = OffsetBasis;
        foreach (var b in data)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
