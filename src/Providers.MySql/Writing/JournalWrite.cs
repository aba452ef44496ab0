using MySqlConnector;
using Orleans.Storage;

namespace Shop.Providers.MySql.Writing;

/// <summary>
/// A journal append: one <c>grain_journal</c> row holding versions <c>expectedVersion + 1</c> … as a JSON
/// array (<see cref="JournalPacking"/>), and, when given, the snapshot as of its last version in the same
/// transaction — written only when the append went in — and, for a grain whose entries are events, its
/// outbox row (the same condition).
/// </summary>
internal sealed class JournalWrite(string grainType, string grainKey, long expectedVersion, int entryCount, byte[] packedEntries, long? snapshotVersion, byte[]? snapshot, bool toOutbox)
    : WriteOperation
{
    // An append that does not start right after the grain's last stored version inserts nothing, as does
    // one whose first version exists (the primary key: the backstop against a concurrent writer that read
    // the same tail), so that ROW_COUNT() tells a conflict. See StateWrite for ON DUPLICATE KEY.
    private const string Append = """
        INSERT INTO grain_journal (grain_type, grain_key, version, last_version, payload, recorded_at)
        SELECT {0}, {1}, {2}, {3}, {4}, {5} FROM DUAL
        WHERE COALESCE((SELECT tail.last_version FROM grain_journal AS tail
                        WHERE tail.grain_type = {0} AND tail.grain_key = {1}
                        ORDER BY tail.version DESC LIMIT 1), 0) = {2} - 1
        ON DUPLICATE KEY UPDATE version = grain_journal.version
        """;

    // ROW_COUNT() here is still the preceding statement's: the append's, or the outbox row's, which goes in
    // exactly when the append did. The snapshot goes in only with its append, and then counts 1 (new) or 2
    // (replaced), which is what the check after it looks at. A failed append leaves them all out.
    private const string Snapshot = """
        INSERT INTO grain_journal_snapshots (grain_type, grain_key, version, payload, recorded_at)
        SELECT {0}, {1}, {2}, {3}, {4} FROM DUAL WHERE ROW_COUNT() > 0
        ON DUPLICATE KEY UPDATE version = VALUES(version), payload = VALUES(payload), recorded_at = VALUES(recorded_at)
        """;

    private const string Outbox = """
        INSERT INTO grain_outbox (grain_type, grain_key, first_version, last_version, recorded_at)
        SELECT {0}, {1}, {2}, {3}, {4} FROM DUAL WHERE ROW_COUNT() > 0
        """;

    private const string ReadLastVersion = """
        SELECT last_version FROM grain_journal WHERE grain_type = @type AND grain_key = @key
        ORDER BY version DESC LIMIT 1
        """;

    public override void AddTo(SqlBuilderList commands, int index, DateTime now)
    {
        var first = expectedVersion + 1;
        var last = expectedVersion + entryCount;

        // All in one command: nothing may run between them and reset ROW_COUNT().
        var statements = new List<(string, object?[])>(3) { (Append, [grainType, grainKey, first, last, packedEntries, now]) };
        if (toOutbox)
        {
            statements.Add((Outbox, [grainType, grainKey, first, last, now]));
        }

        if (snapshot is not null)
        {
            statements.Add((Snapshot, [grainType, grainKey, snapshotVersion, snapshot, now]));
        }

        commands.AddChain(new RowCheck(index, 1), [.. statements]);
    }

    public override async Task<Exception> DescribeConflictAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = ReadLastVersion;
        command.Parameters.AddWithValue("@type", grainType);
        command.Parameters.AddWithValue("@key", grainKey);
        var stored = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : 0;
        return new InconsistentStateException(
            $"The journal of grain {grainType}/{grainKey} ends at version {stored}, not at {expectedVersion} where the append of {entryCount} entr{(entryCount == 1 ? "y" : "ies")} would start after; nothing was stored.",
            stored.ToString(System.Globalization.CultureInfo.InvariantCulture),
            expectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
