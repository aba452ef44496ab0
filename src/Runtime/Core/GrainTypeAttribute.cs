namespace Shop.Runtime;

/// <summary>
/// Names the grain type in grain ids and storage. Without it the name is the class name without its
/// <c>Grain</c> suffix, in lower case (<c>SkuGrain</c> → <c>sku</c>). Renaming a type orphans its stored state.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
