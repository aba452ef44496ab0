namespace Shop.Providers.MySql;

/// <summary>The reads of the store; values are always bound as parameters. Writes are in <c>Writing/</c>.</summary>
internal static class MySqlSql
{
    public const string ReadState = """
        SELECT version, payload FROM grain_state
        WHERE grain_type = @type AND grain_key = @key AND state_name = @name
        """;

    // Rows from the one holding version @after + 1 on: the subquery finds where that row starts, so the
    // primary key bounds the scan instead of the whole journal being read.
    public const string ReadJournal = """
        SELECT version, payload, recorded_at FROM grain_journal
        WHERE grain_type = @type AND grain_key = @key AND last_version > @after
          AND version >= COALESCE((SELECT MAX(version) FROM grain_journal
                                   WHERE grain_type = @type AND grain_key = @key AND version <= @after + 1), 0)
        ORDER BY version
        """;

    public const string ReadJournalLastVersion = """
        SELECT last_version FROM grain_journal WHERE grain_type = @type AND grain_key = @key
        ORDER BY version DESC LIMIT 1
        """;

    public const string ReadSnapshot = """
        SELECT version, payload FROM grain_journal_snapshots WHERE grain_type = @type AND grain_key = @key
        """;

    public const string ListJournaledKeys = """
        SELECT DISTINCT grain_key FROM grain_journal WHERE grain_type = @type ORDER BY grain_key
        """;
}
