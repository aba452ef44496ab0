using System.Text.Json;
using Orleans.Storage;

namespace Shop.Journaling;

/// <summary>
/// The default grain-state serializer of the project's storage providers (SQLite and MariaDB): UTF-8 JSON
/// with <see cref="JournalJson.Options"/>, so grain state, journal entries and snapshots share one readable
/// format that survives renaming classes (no type names are stored) and reads the same on both databases
/// (see docs/state-format.md).
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    public static JsonGrainStateSerializer Instance { get; } = new();

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, JournalJson.Options));

    // A stored JSON null is refused like journal entries are: no state type of this project is null.
    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, JournalJson.Options)
        ?? throw new JsonException($"A stored {typeof(T).Name} is the JSON literal null.");
}
