namespace Shop.Streaming;

/// <summary>The open dead letters at a glance: how many there are, and the newest of them.</summary>
/// <param name="Count">Open dead letters, counted up to <see cref="MaxCounted"/>.</param>
/// <param name="Latest">The newest open ones, newest first.</param>
[GenerateSerializer, Immutable, Alias("shop.open-dead-letters")]
public sealed record OpenDeadLetters(
    [property: Id(0)] int Count,
    [property: Id(1)] IReadOnlyList<DeadLetter> Latest)
{
    /// <summary>
    /// Most open dead letters read for a count. The store lists them oldest first and has no count, so counting means
    /// reading them; past this many, the count stops and the newest are those of the part read. Healthy consumers leave
    /// few open letters, and an operator works them off.
    /// </summary>
    public const int MaxCounted = 10_000;
}
