namespace Shop.Runtime.Journaling;

/// <summary>The stored snapshot of a journaled grain: its state as of journal version <see cref="Version"/>.</summary>
public sealed class JournalSnapshot<TState> where TState : new()
{
    public long Version { get; set; }

    public TState State { get; set; } = new();
}
