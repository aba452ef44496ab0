using System.Text.Json;
using Shop.Runtime.Serialization;

namespace Shop.Runtime.Streams;

/// <summary>Event payloads use the same JSON format as grain state (see docs/state-format.md).</summary>
internal static class StreamEventSerializer
{
    public static byte[] Serialize<T>(T item) => JsonSerializer.SerializeToUtf8Bytes(item, GrainStateSerializer.Options);

    public static object Deserialize(byte[] payload, Type type) =>
        JsonSerializer.Deserialize(payload, type, GrainStateSerializer.Options)
        ?? throw new JsonException($"Event payload of type {type.Name} is the JSON literal null.");
}
