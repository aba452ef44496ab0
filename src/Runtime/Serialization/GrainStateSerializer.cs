using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.Runtime.Serialization;

/// <summary>
/// The stored format of grain state: UTF-8 JSON from System.Text.Json with camelCase names
/// (see docs/state-format.md). Unknown members are ignored and missing ones keep the value the
/// state's constructor gives them, so adding a field never breaks reading older rows.
/// </summary>
public static class GrainStateSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        PreferredObjectCreationHandling = JsonObjectCreationHandling.Replace,
        WriteIndented = false,
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(byte[] payload) =>
        JsonSerializer.Deserialize<T>(payload, Options)
        ?? throw new JsonException($"Stored state of type {typeof(T).Name} is the JSON literal null.");
}
