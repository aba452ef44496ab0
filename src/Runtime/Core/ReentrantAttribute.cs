namespace Shop.Runtime;

/// <summary>
/// Lets requests to the grain interleave at their awaits. Pieces of grain code still never run at the
/// same moment: every continuation runs on the activation's own scheduler.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
