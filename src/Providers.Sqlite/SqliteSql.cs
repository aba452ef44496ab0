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

    // Also used to clear ($payload NULL): the row stays and its version advances.
    public const string UpdateState = """
        UPDATE grain_state
        SET state_type = $stateType, payload = $payload, version = version + 1, updated_at = $now
        WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND version = $expected;
        """;

    // The row holding $after (if any) and every later one; entries at or below $after are skipped on unpacking.
    public const string ReadJournal = """
        SELECT version, payload, recorded_at FROM grain_journal
        WHERE grain_type = $type AND grain_key = $key AND last_version > $after
        ORDER BY version;
        """;

    public const string ReadJournalLastVersion = """
        SELECT last_version FROM grain_journal WHERE grain_type = $type AND grain_key = $key
        ORDER BY version DESC LIMIT 1;
        """;

    public const string ListJournaledKeys = """
        SELECT DISTINCT grain_key FROM grain_journal WHERE grain_type = $type ORDER BY grain_key;
        """;

    // Inserts only when the journal ends right before $version: no second writer of a version, no gap.
    public const string InsertJournal = """
        INSERT INTO grain_journal (grain_type, grain_key, version, last_version, payload, recorded_at)
        SELECT $type, $key, $version, $lastVersion, $payload, $now
        WHERE COALESCE((SELECT tail.last_version FROM grain_journal AS tail
                        WHERE tail.grain_type = $type AND tail.grain_key = $key
                        ORDER BY tail.version DESC LIMIT 1), 0) = $version - 1
        ON CONFLICT (grain_type, grain_key, version) DO NOTHING;
        """;

    public const string ReadSnapshot = """
        SELECT version, payload FROM grain_journal_snapshots WHERE grain_type = $type AND grain_key = $key;
        """;

    public const string WriteSnapshot = """
        INSERT INTO grain_journal_snapshots (grain_type, grain_key, version, payload, recorded_at)
        VALUES ($type, $key, $version, $payload, $now)
        ON CONFLICT (grain_type, grain_key)
        DO UPDATE SET version = excluded.version, payload = excluded.payload, recorded_at = excluded.recorded_at;
        """;

    private const string ReminderColumns = "grain_type, grain_key, name, start_at, period_ms, version";

    public const string ReadGrainReminders = "SELECT " + ReminderColumns + " FROM reminders WHERE grain_type = $type AND grain_key = $key;";

    public const string ReadReminder = "SELECT " + ReminderColumns + " FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name;";

    // The ring range (begin, end]; when begin >= end the range wraps around past uint.MaxValue.
    public const string ReadRemindersInRange = "SELECT " + ReminderColumns + " FROM reminders WHERE grain_hash > $begin AND grain_hash <= $end;";

    public const string ReadRemindersOutsideRange = "SELECT " + ReminderColumns + " FROM reminders WHERE grain_hash > $begin OR grain_hash <= $end;";

    public const string UpsertReminder = """
        INSERT INTO reminders (grain_type, grain_key, name, grain_hash, start_at, period_ms, version)
        VALUES ($type, $key, $name, $hash, $startAt, $periodMs, 1)
        ON CONFLICT (grain_type, grain_key, name)
        DO UPDATE SET start_at = excluded.start_at, period_ms = excluded.period_ms, version = reminders.version + 1
        RETURNING version;
        """;

    public const string RemoveReminder = """
        DELETE FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name AND version = $version;
        """;

    public const string ClearReminders = "DELETE FROM reminders;";

    public const string InsertOutbox = """
        INSERT INTO grain_outbox (grain_type, grain_key, first_version, last_version, recorded_at)
        VALUES ($type, $key, $first, $last, $now);
        """;

    public const string ReadFirstUnpublished = """
        SELECT MIN(first_version) FROM grain_outbox WHERE grain_type = $type AND grain_key = $key;
        """;

    public const string DeletePublished = """
        DELETE FROM grain_outbox WHERE grain_type = $type AND grain_key = $key AND last_version <= $upTo;
        """;

    public const string ListUnpublished = """
        SELECT grain_type, grain_key FROM grain_outbox WHERE recorded_at < $before
        GROUP BY grain_type, grain_key ORDER BY MIN(recorded_at) LIMIT $limit;
        """;

    public const string InsertDeadLetter = """
        INSERT INTO failed_events (event_id, stream_provider, stream_namespace, stream_key, event_type, payload,
                                   payload_is_raw, consumer, error, attempts, failed_at, status)
        VALUES ($eventId, $provider, $namespace, $streamKey, $eventType, $payload, $raw, $consumer, $error, $attempts, $failedAt, 0)
        RETURNING id;
        """;

    public const string ListDeadLetters = """
        SELECT id, event_id, stream_provider, stream_namespace, stream_key, event_type, payload, payload_is_raw,
               consumer, error, attempts, failed_at, status
        FROM failed_events WHERE ($status IS NULL OR status = $status) AND id > $after ORDER BY id LIMIT $limit;
        """;

    public const string ReadDeadLetter = """
        SELECT id, event_id, stream_provider, stream_namespace, stream_key, event_type, payload, payload_is_raw,
               consumer, error, attempts, failed_at, status
        FROM failed_events WHERE id = $id;
        """;

    public const string CloseDeadLetter = """
        UPDATE failed_events SET status = $status, closed_at = $now WHERE id = $id AND status = 0;
        """;
}
