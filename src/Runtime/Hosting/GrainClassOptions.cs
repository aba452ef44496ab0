namespace Shop.Runtime.Hosting;

/// <summary>The grain classes the silo hosts, filled by <see cref="SiloBuilderExtensions.AddGrains"/>.</summary>
public sealed class GrainClassOptions
{
    public HashSet<Type> GrainClasses { get; } = [];
}
