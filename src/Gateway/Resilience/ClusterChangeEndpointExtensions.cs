using Microsoft.AspNetCore.Builder;

namespace Shop.Gateway.Resilience;

public static class ClusterChangeEndpointExtensions
{
    /// <summary>
    /// Marks a POST whose repeat changes nothing more than the first run did (signing in, cancelling an order), so that
    /// <see cref="ClusterChangeFilter"/> runs it again when the cluster failed under it.
    /// </summary>
    public static TBuilder RepeatableOnClusterChange<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RepeatableOnClusterChangeMetadata.Instance);
}

/// <summary>The mark of <see cref="ClusterChangeEndpointExtensions.RepeatableOnClusterChange{TBuilder}"/>.</summary>
public sealed class RepeatableOnClusterChangeMetadata
{
    public static RepeatableOnClusterChangeMetadata Instance { get; } = new();

    private RepeatableOnClusterChangeMetadata()
    {
    }
}
