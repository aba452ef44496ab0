namespace Shop.Providers.Sqlite;

/// <summary>Every statement the store runs outside schema scripts; values are always bound as parameters.</summary>
internal static class SqliteSql
{
    public const string ReadState = """
        SELECT version, payload FROM grain_state
        WHERE grain_type = $type AND grain_key = $key AND state_name = $name;
        """;

    public const string ReadStateVersion = """
        SELECT version FROM grain_state
        WHERE grain_type = $type AND grain_key = $key AND state_name = $name;
        """;

    // DO NOTHING rather than a caught constraint error: a conflict is an expected outcome, not an exception path.
    public const string InsertState = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, state_type, version, payload, updated_at)
        VALUES ($type, $key, $name, $stateType, 1, $payload, $now)
        ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING;
        """;

    public const string UpdateState = """
        UPDATE grain_state
        SET state_type = $stateType, payload = $payload, version = version + 1, updated_at = $now
        WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND version = $expected;
        """;

    public const string ReadJournal = """
        SELECT version, payload, recorded_at FROM grain_journal
        WHERE grain_type = $type AND grain_key = $key AND last_version > $after
          AND version >= COALESCE((SELECT MAX(version) FROM grain_journal
                                   WHERE grain_type = $type AND grain_key = $key AND version <= $after), 0)
        ORDER BY version;
        """;

    public const string ReadJournalLastVersion = """
        SELECT last_version FROM grain_journal WHERE grain_type = $type AND grain_key = $key
        ORDER BY version DESC LIMIT 1;
        """;

    public const string ListJournaledKeys = """
        SELECT DISTINCT grain_key FROM grain_journal WHERE grain_type = $type ORDER BY grain_key;
        """;

    public const string InsertJournal = """
        INSERT INTO grain_journal (grain_type, grain_key, version, last_version, payload, recorded_at)
        SELECT $type, $key, $version, $lastVersion, $payload, $now
        WHERE COALESCE((SELECT tail.last_version FROM grain_journal AS tail
                        WHERE tail.grain_type = $type AND tail.grain_key = $key
                        ORDER BY tail.version DESC LIMIT 1), 0) = $version - 1
        ON CONFLICT (grain_type, grain_key, version) DO NOTHING;
        """;

    public const string ReserveSequences = """
        INSERT INTO stream_queues (queue_id, last_sequence) VALUES ($queue, $count)
        ON CONFLICT (queue_id) DO UPDATE SET last_sequence = last_sequence + excluded.last_sequence
        RETURNING last_sequence;
        """;

    public const string InsertEvent = """
        INSERT INTO stream_events (queue_id, sequence, event_id, stream_namespace, stream_key, event_type, payload, created_at)
        VALUES ($queue, $sequence, $eventId, $namespace, $streamKey, $eventType, $payload, $createdAt);
        """;

    public const string ReadQueue = """
        SELECT sequence, event_id, stream_namespace, stream_key, event_type, payload, created_at
        FROM stream_events
        WHERE queue_id = $queue AND sequence > $after
        ORDER BY sequence
        LIMIT $max;
        """;

    public const string TrimQueue = """
        DELETE FROM stream_events
        WHERE queue_id = $queue AND sequence <= $upTo AND created_at < $before;
        """;

    public const string ReadCheckpoint = """
        SELECT sequence FROM stream_checkpoints WHERE consumer = $consumer AND queue_id = $queue;
        """;

    public const string WriteCheckpoint = """
        INSERT INTO stream_checkpoints (consumer, queue_id, sequence, updated_at) VALUES ($consumer, $queue, $sequence, $now)
        ON CONFLICT (consumer, queue_id) DO UPDATE SET sequence = excluded.sequence, updated_at = excluded.updated_at;
        """;

    public const string InsertDeadLetter = """
        INSERT INTO stream_dead_letters
            (consumer, event_id, stream_namespace, stream_key, queue_id, event_type, payload, created_at, error, attempts, failed_at)
        VALUES ($consumer, $eventId, $namespace, $streamKey, $queue, $eventType, $payload, $createdAt, $error, $attempts, $failedAt)
        RETURNING id;
        """;

    private const string DeadLetterColumns =
        "id, consumer, event_id, stream_namespace, stream_key, queue_id, event_type, payload, created_at, error, attempts, failed_at";

    public const string ListDeadLetters = "SELECT " + DeadLetterColumns + " FROM stream_dead_letters ORDER BY id LIMIT $max;";

    public const string GetDeadLetter = "SELECT " + DeadLetterColumns + " FROM stream_dead_letters WHERE id = $id;";

    public const string DeleteDeadLetter = "DELETE FROM stream_dead_letters WHERE id = $id;";

    private const string ReminderColumns = "grain_type, grain_key, name, start_at, period_ms, version";

    public const string ReadAllReminders = "SELECT " + ReminderColumns + " FROM reminders ORDER BY grain_type, grain_key, name;";

    public const string ReadReminder = "SELECT " + ReminderColumns + " FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name;";

    public const string UpsertReminder = """
        INSERT INTO reminders (grain_type, grain_key, name, start_at, period_ms, version)
        VALUES ($type, $key, $name, $startAt, $periodMs, 1)
        ON CONFLICT (grain_type, grain_key, name)
        DO UPDATE SET start_at = excluded.start_at, period_ms = excluded.period_ms, version = reminders.version + 1
        RETURNING version;
        """;

    public const string RemoveReminder = """
        DELETE FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name AND version = $version;
        """;
}
