namespace Shop.Runtime.Storage;

/// <summary>
/// A grain state row as the store holds it. <see cref="Payload"/> is null when the state was cleared;
/// the ETag keeps growing across clears so that a writer holding an old ETag still conflicts.
/// </summary>
public sealed record StoredState(string ETag, byte[]? Payload);
