namespace Shop.Runtime.Storage;

/// <summary>
/// One state write (or clear, when <see cref="Payload"/> is null) inside a <see cref="GrainCommit"/>.
/// <see cref="ExpectedETag"/> is null when the grain believes no row exists yet.
/// </summary>
public sealed record StateChange(GrainId GrainId, string StateName, string StateType, string? ExpectedETag, byte[]? Payload);
