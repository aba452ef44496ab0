namespace Shop.TestSilo;

/// <summary>The state of a <see cref="NoteGrain"/>; written through the silo's default grain storage.</summary>
[GenerateSerializer]
public sealed class NoteState
{
    [Id(0)]
    public string Text { get; set; } = "";
}

[Alias("shop.testsilo.INoteGrain")]
public interface INoteGrain : IGrainWithStringKey
{
    /// <summary>Writes the note; returns the new ETag once the write is durable.</summary>
    Task<string> WriteAsync(string text);

    /// <summary>The note, or null when none was ever written.</summary>
    Task<string?> ReadAsync();
}

/// <summary>A grain with one <see cref="IPersistentState{TState}"/>, for tests of grain-state durability.</summary>
public sealed class NoteGrain([PersistentState("note")] IPersistentState<NoteState> note) : Grain, INoteGrain
{
    public async Task<string> WriteAsync(string text)
    {
        note.State.Text = text;
        await note.WriteStateAsync();
        return note.Etag!;
    }

    public Task<string?> ReadAsync() => Task.FromResult(note.RecordExists ? note.State.Text : null);
}
