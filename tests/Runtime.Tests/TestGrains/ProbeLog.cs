using System.Collections.Concurrent;

namespace Shop.Runtime.Tests.TestGrains;

/// <summary>
/// What test grains report about their life: constructions, activations, deactivations. Keyed by
/// grain key, and tests use fresh keys, so parallel tests do not see each other.
/// </summary>
public static class ProbeLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Events = new();

    public static void Record(string key, string what) => Events.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(what);

    public static IReadOnlyList<string> Of(string key) => Events.TryGetValue(key, out var q) ? [.. q] : [];

    public static int Count(string key, string what) => Of(key).Count(e => e == what);

    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
