namespace Shop.Providers.MySql.Writing;

/// <summary>
/// The fast path of a group commit: the state writes of a whole batch as two statements, one multi-row
/// insert for the first writes and one multi-table update for the others, instead of two statements per
/// write. Far less for the server to parse and the client to read; the version checks stay per row.
/// </summary>
/// <remarks>
/// Only the total row count says whether every write matched. When it falls short (a conflict, or one
/// grain written twice in the batch), the transaction is rolled back and the batch is run again one
/// statement per write (<see cref="WriterSession"/>), which tells exactly which write conflicted. Conflicts
/// are rare (a stale activation), so the common case pays for the grouped statements only.
/// </remarks>
internal static class GroupedStateSql
{
    /// <summary>See <see cref="StateWrite"/> for why ON DUPLICATE KEY UPDATE version = version counts 0.</summary>
    public const string InsertHead = "INSERT INTO grain_state (grain_type, grain_key, state_name, state_type, version, payload, updated_at) VALUES ";

    public const string InsertFirstRow = "({0}, {1}, {2}, {3}, 1, {4}, {5})";

    public const string InsertRow = ", ({0}, {1}, {2}, {3}, 1, {4}, {5})";

    public const string InsertTail = " ON DUPLICATE KEY UPDATE version = version";

    // The derived table lists the writes; each matching row is changed once and only at the version its
    // writer holds. Explicit collations: parameters arrive as literals in the connection's collation,
    // the key columns compare ordinally (utf8mb4_nopad_bin), and the primary key must serve the join.
    public const string UpdateHead = "UPDATE grain_state AS g JOIN (";

    public const string UpdateFirstRow = "SELECT {0} AS t, {1} AS k, {2} AS n, {3} AS e, {4} AS st, {5} AS p";

    public const string UpdateRow = " UNION ALL SELECT {0}, {1}, {2}, {3}, {4}, {5}";

    public const string UpdateTail = """
        ) AS w ON g.grain_type = w.t COLLATE utf8mb4_nopad_bin AND g.grain_key = w.k COLLATE utf8mb4_nopad_bin
              AND g.state_name = w.n COLLATE utf8mb4_nopad_bin
        SET g.state_type = w.st, g.payload = w.p, g.version = g.version + 1, g.updated_at = {0}
        WHERE g.version = w.e
        """;
}
