namespace Shop.Providers.MySql.Writing;

/// <summary>
/// Statement templates of a group commit; <c>{0}</c>, <c>{1}</c>… become parameters (see <see cref="SqlBuilder"/>).
/// </summary>
/// <remarks>
/// The writer connection reports affected rows (<c>UseAffectedRows=true</c>), not matched rows, so
/// <c>ON DUPLICATE KEY UPDATE version = version</c> changes nothing and counts 0 when the row exists:
/// an insert that meets an existing row shows up as a short row count instead of error 1062, which
/// would stop the rest of a multi-statement command.
/// </remarks>
internal static class CommitSql
{
    public const string InsertState = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, state_type, version, payload, updated_at)
        VALUES ({0}, {1}, {2}, {3}, 1, {4}, {5})
        ON DUPLICATE KEY UPDATE version = version
        """;

    public const string UpdateState = """
        UPDATE grain_state SET state_type = {0}, payload = {1}, version = version + 1, updated_at = {2}
        WHERE grain_type = {3} AND grain_key = {4} AND state_name = {5} AND version = {6}
        """;

    // One row per journal segment (see JournalSegment). An append that does not start right after the
    // grain's last stored version inserts nothing, as does one whose first version exists (the primary
    // key, the backstop against a concurrent writer), so that ROW_COUNT() can tell a conflict.
    public const string InsertJournal = """
        INSERT INTO grain_journal (grain_type, grain_key, version, last_version, payload, recorded_at)
        SELECT {0}, {1}, {2}, {3}, {4}, {5} FROM DUAL
        WHERE COALESCE((SELECT tail.last_version FROM grain_journal AS tail
                        WHERE tail.grain_type = {0} AND tail.grain_key = {1}
                        ORDER BY tail.version DESC LIMIT 1), 0) = {2} - 1
        ON DUPLICATE KEY UPDATE version = grain_journal.version
        """;

    // Rows go in queue order so that concurrent writers lock queue rows in one order.
    public const string ReserveSequences = "INSERT INTO stream_queues (queue_id, last_sequence) VALUES ";

    public const string ReserveRow = "({0}, {1})";

    public const string ReserveSequencesEnd = " ON DUPLICATE KEY UPDATE last_sequence = last_sequence + VALUES(last_sequence)";

    public const string ReadLastSequences = "SELECT queue_id, last_sequence FROM stream_queues WHERE queue_id IN (";

    public const string InsertEvents =
        "INSERT INTO stream_events (queue_id, sequence, event_id, stream_namespace, stream_key, event_type, payload, created_at) VALUES ";

    public const string EventRow = "({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})";

    public const string ReadStateVersion = """
        SELECT version FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @name
        """;

    public const string ReadJournalLastVersion = """
        SELECT last_version FROM grain_journal WHERE grain_type = @type AND grain_key = @key
        ORDER BY version DESC LIMIT 1
        """;
}
