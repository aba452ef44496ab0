namespace Shop.Providers.Sqlite.Streams;

/// <summary>The statements of the SQLite stream provider, on the <c>stream_messages</c> table of schema version 3.</summary>
internal static class SqliteStreamSql
{
    public const string Enqueue = """
        INSERT INTO stream_messages (provider, queue_id, stream_namespace, stream_key, event_id, event_type, payload, enqueued_at)
        VALUES ($provider, $queue, $namespace, $key, $eventId, $eventType, $payload, $now)
        RETURNING seq;
        """;

    public const string ReadAfter = """
        SELECT seq, stream_namespace, stream_key, event_id, event_type, payload
        FROM stream_messages
        WHERE provider = $provider AND queue_id = $queue AND seq > $after
        ORDER BY seq
        LIMIT $limit;
        """;

    public const string Delete = "DELETE FROM stream_messages WHERE seq = $seq;";
}
