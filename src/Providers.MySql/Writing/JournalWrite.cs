using MySqlConnector;
using Orleans.Storage;

namespace Shop.Providers.MySql.Writing;

/// <summary>
/// A journal append: one <c>grain_journal</c> row holding versions <c>expectedVersion + 1</c> … as a JSON
/// array (<see cref="JournalPacking"/>), and, when given, the snapshot as of its last version in the same
/// transaction — written only when the append went in.
/// </summary>
internal sealed class JournalWrite(string grainType, string grainKey, long expectedVersion, int entryCount, byte[] packedEntries, long? snapshotVersion, byte[]? snapshot)
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

    // ROW_COUNT() here is still the append's: the snapshot goes in only with its append, and then counts
    // 1 (new) or 2 (replaced), which is what the check after it looks at. A failed append leaves both out.
    private const string Snapshot = """
        INSERT INTO grain_journal_snapshots (grain_type, grain_key, version, payload, recorded_at)
        SELECT {0}, {1}, {2}, {3}, {4} FROM DUAL WHERE ROW_COUNT() > 0
        ON DUPLICATE KEY UPDATE version = VALUES(version), payload = VALUES(payload), recorded_at = VALUES(recorded_at)
        """;

    private const string ReadLastVersion = """
        SELECT last_version FROM grain_journal WHERE grain_type = @type AND grain_key = @key
        ORDER BY version DESC LIMIT 1
        """;

    public override void AddTo(SqlBuilderList commands, int index, DateTime now)
    {
        var first = expectedVersion + 1;
        var last = expectedVersion + entryCount;
        if (snapshot is null)
        {
            commands.Add(new RowCheck(index, 1), Append, grainType, grainKey, first, last, packedEntries, now);
            return;
        }

        // Both statements in one command: nothing may run between them and reset ROW_COUNT().
        commands.AddPair(
            new RowCheck(index, 1),
            Append,
            [grainType, grainKey, first, last, packedEntries, now],
            Snapshot,
            [grainType, grainKey, snapshotVersion, snapshot, now]);
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
