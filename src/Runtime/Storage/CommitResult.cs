namespace Shop.Runtime.Storage;

/// <summary>The new ETags of the committed state changes, in the order of <see cref="GrainCommit.States"/>.</summary>
public sealed record CommitResult(IReadOnlyList<string> ETags);
