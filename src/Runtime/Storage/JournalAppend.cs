namespace Shop.Runtime.Storage;

/// <summary>
/// Journal rows appended by a commit: <see cref="Entries"/> get versions <see cref="FirstVersion"/>,
/// <see cref="FirstVersion"/> + 1, … An append must start right after the grain's last stored version
/// (at 1 for a new journal): one that would overwrite a version or leave a gap makes the whole commit
/// fail with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed record JournalAppend(GrainId GrainId, long FirstVersion, IReadOnlyList<byte[]> Entries)
{
    /// <summary>The conflict a store reports when this append does not follow its stored last version.</summary>
    public InconsistentStateException ConflictWith(long storedLastVersion) => new(
        storedLastVersion >= FirstVersion
            ? $"Journal version {FirstVersion} of grain {GrainId} already exists (last version {storedLastVersion})."
            : $"Journal of grain {GrainId} ends at version {storedLastVersion}; an append from version {FirstVersion} would leave a gap.",
        RowVersionETag.Format(storedLastVersion),
        RowVersionETag.Format(FirstVersion - 1));
}
