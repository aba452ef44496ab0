namespace Shop.Runtime.Storage;

/// <summary>
/// Journal rows appended by a commit: <see cref="Entries"/> get versions <see cref="FirstVersion"/>,
/// <see cref="FirstVersion"/> + 1, … A version that already exists makes the whole commit fail with
/// <see cref="InconsistentStateException"/>.
/// </summary>
public sealed record JournalAppend(GrainId GrainId, long FirstVersion, IReadOnlyList<byte[]> Entries);
