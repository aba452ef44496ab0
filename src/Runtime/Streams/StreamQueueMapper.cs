using System.Text;

namespace Shop.Runtime.Streams;

/// <summary>Maps a stream to its queue with a hash that is stable across processes and versions (FNV-1a).</summary>
internal static class StreamQueueMapper
{
    public static int QueueOf(StreamId streamId, int queueCount)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes($"{streamId.Namespace}/{streamId.Key}"))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)queueCount);
    }
}
