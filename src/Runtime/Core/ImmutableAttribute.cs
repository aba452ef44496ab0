namespace Shop.Runtime;

/// <summary>
/// Promises that instances of the type are never mutated, so grain calls may pass them without a copy.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class ImmutableAttribute : Attribute;
