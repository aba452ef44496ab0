using Shop.Runtime;

namespace Shop.TestSilo;

public sealed class NoteState
{
    public string Text { get; set; } = "";
}

public interface INoteGrain : IGrainWithStringKey
{
    /// <summary>Writes the note; returns the new ETag once the write is durable.</summary>
    Task<string> WriteAsync(string text);

    Task<string?> ReadAsync();
}

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
