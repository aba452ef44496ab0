namespace Shop.Runtime.Storage;

/// <summary>
/// Journal rows appended by a commit: <see cref="Entries"/> get versions <see cref="FirstVersion"/>,
/// <see cref="FirstVersion"/> + 1, … An append must start right after the grain's last stored version
/// (at 1 for a new journal): one that would overwrite a version or leave a gap makes the whole commit
/// fail with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed record JournalAppend(GrainId GrainId, long FirstVersion, IReadOnlyList<byte[]> Entries);
