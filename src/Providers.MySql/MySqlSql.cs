namespace Shop.Providers.MySql;

/// <summary>
/// The reads of the store, and the few writes that commit on their own (the dead letters); values
/// are always bound as parameters. Group-committed writes are in <c>Writing/</c>.
/// </summary>
internal static class MySqlSql
{
    public const string ReadState = """
        SELECT version, payload FROM grain_state
        WHERE grain_type = @type AND grain_key = @key AND state_name = @name
        """;

    public static readonly string ReadJournal = JournalRowsAfter("version, payload, recorded_at", "@after") + "\nORDER BY version";

    public const string ReadJournalLastVersion = """
        SELECT last_version FROM grain_journal WHERE grain_type = @type AND grain_key = @key
        ORDER BY version DESC LIMIT 1
        """;

    // A grain's activation: its snapshot (part 0) and the rows after it (part 1), in one statement so that both
    // come from one read view and an activation costs one round trip. The snapshot's version is looked up again
    // in the subqueries rather than taken from part 0; every lookup is on the primary key and constant, so the
    // journal is still read as a range of it. No ORDER BY: sorting a UNION puts its rows (BLOBs) into an on-disk
    // temporary table, which made activations slower than the two statements this replaces; the reader orders them.
    public static readonly string ReadSnapshotAndJournal = $"""
        SELECT 0 AS part, version, payload, NULL AS recorded_at FROM grain_journal_snapshots
        WHERE grain_type = @type AND grain_key = @key
        UNION ALL
        {JournalRowsAfter("1, version, payload, recorded_at", "COALESCE((SELECT version FROM grain_journal_snapshots WHERE grain_type = @type AND grain_key = @key), 0)")}
        """;

    public const string ListJournaledKeys = """
        SELECT DISTINCT grain_key FROM grain_journal WHERE grain_type = @type ORDER BY grain_key
        """;

    public const string ReadFirstUnpublished = """
        SELECT MIN(first_version) FROM grain_outbox WHERE grain_type = @type AND grain_key = @key
        """;

    public const string ListUnpublished = """
        SELECT grain_type, grain_key FROM grain_outbox WHERE recorded_at < @before
        GROUP BY grain_type, grain_key ORDER BY MIN(recorded_at) LIMIT @limit
        """;

    public const string InsertDeadLetter = """
        INSERT INTO failed_events (event_id, stream_provider, stream_namespace, stream_key, event_type, payload,
                                   payload_is_raw, consumer, error, attempts, failed_at, status)
        VALUES (@eventId, @provider, @namespace, @streamKey, @eventType, @payload, @raw, @consumer, @error, @attempts, @failedAt, 0);
        SELECT LAST_INSERT_ID();
        """;

    public const string ListDeadLetters = """
        SELECT id, event_id, stream_provider, stream_namespace, stream_key, event_type, payload, payload_is_raw,
               consumer, error, attempts, failed_at, status
        FROM failed_events WHERE (@status IS NULL OR status = @status) AND id > @after ORDER BY id LIMIT @limit
        """;

    public const string ReadDeadLetter = """
        SELECT id, event_id, stream_provider, stream_namespace, stream_key, event_type, payload, payload_is_raw,
               consumer, error, attempts, failed_at, status
        FROM failed_events WHERE id = @id
        """;

    public const string CloseDeadLetter = """
        UPDATE failed_events SET status = @status, closed_at = @now WHERE id = @id AND status = 0
        """;

    // The journal rows holding versions after <after> (an SQL expression): from the row holding version <after> + 1
    // on. The subquery finds where that row starts, so the primary key bounds the scan instead of the whole journal
    // being read.
    private static string JournalRowsAfter(string columns, string after) => $"""
        SELECT {columns} FROM grain_journal
        WHERE grain_type = @type AND grain_key = @key AND last_version > {after}
          AND version >= COALESCE((SELECT MAX(version) FROM grain_journal
                                   WHERE grain_type = @type AND grain_key = @key AND version <= {after} + 1), 0)
        """;
}
