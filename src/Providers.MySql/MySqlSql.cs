namespace Shop.Providers.MySql;

/// <summary>
/// The statements the store runs outside schema scripts and group commits; values are always bound as
/// parameters.
/// </summary>
internal static class MySqlSql
{
    /// <summary>
    /// Makes the server send every result column in utf8mb4.
    /// </summary>
    /// <remarks>
    /// MySql.Data 8.0 asks for results in each column's own character set and does not know
    /// <c>utf8mb3</c>, MariaDB's name for the character set of system variables, information_schema and
    /// SHOW output. Worse, whenever a statement leaves a warning or note the driver runs SHOW WARNINGS
    /// by itself, fails to decode it, and leaves the connection out of step with the server (later
    /// commands hang, then misread). Every connection of the store runs this first.
    /// </remarks>
    public const string CharacterSetResults = "SET character_set_results = utf8mb4";

    public const string ReadState = """
        SELECT version, payload FROM grain_state
        WHERE grain_type = @type AND grain_key = @key AND state_name = @name
        """;

    public const string ReadJournal = """
        SELECT version, payload, recorded_at FROM grain_journal
        WHERE grain_type = @type AND grain_key = @key AND last_version > @after
          AND version >= COALESCE((SELECT MAX(version) FROM grain_journal
                                   WHERE grain_type = @type AND grain_key = @key AND version <= @after), 0)
        ORDER BY version
        """;

    public const string ListJournaledKeys = """
        SELECT DISTINCT grain_key FROM grain_journal WHERE grain_type = @type ORDER BY grain_key
        """;

    public const string ReadQueue = """
        SELECT sequence, event_id, stream_namespace, stream_key, event_type, payload, created_at
        FROM stream_events
        WHERE queue_id = @queue AND sequence > @after
        ORDER BY sequence
        LIMIT @max
        """;

    /// <summary>How many events one trimming statement deletes at most.</summary>
    public const int TrimChunk = 5000;

    // Chunked so that trimming a long backlog never holds locks, or builds undo, for millions of rows
    // in one transaction. READ COMMITTED (for this statement only) keeps InnoDB from gap-locking the
    // end of the queue, where committers are appending.
    public const string TrimQueue = """
        SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
        DELETE FROM stream_events
        WHERE queue_id = @queue AND sequence <= @upTo AND created_at < @before
        ORDER BY sequence
        LIMIT @limit
        """;

    public const string ReadCheckpoint = """
        SELECT sequence FROM stream_checkpoints WHERE consumer = @consumer AND queue_id = @queue
        """;

    public const string WriteCheckpoint = """
        INSERT INTO stream_checkpoints (consumer, queue_id, sequence, updated_at)
        VALUES (@consumer, @queue, @sequence, @now)
        ON DUPLICATE KEY UPDATE sequence = VALUES(sequence), updated_at = VALUES(updated_at)
        """;

    public const string InsertDeadLetter = """
        INSERT INTO stream_dead_letters
            (consumer, event_id, stream_namespace, stream_key, queue_id, event_type, payload, created_at, error, attempts, failed_at)
        VALUES (@consumer, @eventId, @namespace, @streamKey, @queue, @eventType, @payload, @createdAt, @error, @attempts, @failedAt)
        """;

    private const string DeadLetterColumns =
        "id, consumer, event_id, stream_namespace, stream_key, queue_id, event_type, payload, created_at, error, attempts, failed_at";

    public const string ListDeadLetters = "SELECT " + DeadLetterColumns + " FROM stream_dead_letters ORDER BY id LIMIT @max";

    public const string GetDeadLetter = "SELECT " + DeadLetterColumns + " FROM stream_dead_letters WHERE id = @id";

    public const string DeleteDeadLetter = "DELETE FROM stream_dead_letters WHERE id = @id";

    private const string ReminderColumns = "grain_type, grain_key, name, start_at, period_ms, version";

    public const string ReadAllReminders = "SELECT " + ReminderColumns + " FROM reminders ORDER BY grain_type, grain_key, name";

    public const string ReadReminder =
        "SELECT " + ReminderColumns + " FROM reminders WHERE grain_type = @type AND grain_key = @key AND name = @name";

    // LAST_INSERT_ID(expr) hands the new version back in the OK packet: one atomic statement instead of
    // an upsert followed by a read that a concurrent upsert could slip between.
    public const string UpsertReminder = """
        INSERT INTO reminders (grain_type, grain_key, name, start_at, period_ms, version)
        VALUES (@type, @key, @name, @startAt, @periodMs, LAST_INSERT_ID(1))
        ON DUPLICATE KEY UPDATE
            start_at = VALUES(start_at),
            period_ms = VALUES(period_ms),
            version = LAST_INSERT_ID(version + 1)
        """;

    public const string RemoveReminder = """
        DELETE FROM reminders WHERE grain_type = @type AND grain_key = @key AND name = @name AND version = @version
        """;
}
