namespace Shop.Runtime;

/// <summary>Calls to this interface method interleave with any other request of a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
