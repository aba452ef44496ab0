using MySqlConnector;
using Orleans.Storage;
using Shop.Journaling;

namespace Shop.Providers.MySql.Writing;

/// <summary>
/// A grain state write or clear (<paramref name="Payload"/> null): an insert when the writer holds no
/// version, otherwise an update at exactly <paramref name="ExpectedVersion"/>. Its new version is
/// <c>ExpectedVersion + 1</c>, or 1 for an insert.
/// </summary>
internal sealed class StateWrite(string grainType, string grainKey, string stateName, string stateType, long? expectedVersion, byte[]? payload)
    : WriteOperation
{
    // The writer connection reports affected rows (UseAffectedRows=true), not matched rows, so
    // ON DUPLICATE KEY UPDATE version = version changes nothing and counts 0 when the row exists: an
    // insert that meets an existing row shows up as a short row count instead of error 1062, which would
    // stop the rest of the multi-statement command.
    private const string Insert = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, state_type, version, payload, updated_at)
        VALUES ({0}, {1}, {2}, {3}, 1, {4}, {5})
        ON DUPLICATE KEY UPDATE version = version
        """;

    private const string Update = """
        UPDATE grain_state SET state_type = {0}, payload = {1}, version = version + 1, updated_at = {2}
        WHERE grain_type = {3} AND grain_key = {4} AND state_name = {5} AND version = {6}
        """;

    private const string ReadVersion = """
        SELECT version FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @name
        """;

    public long NewVersion => expectedVersion + 1 ?? 1;

    public string GrainType => grainType;

    public string GrainKey => grainKey;

    public string StateName => stateName;

    public string StateType => stateType;

    /// <summary>The version the writer holds; null for an insert.</summary>
    public long? ExpectedVersion => expectedVersion;

    /// <summary>The new payload; null for a clear.</summary>
    public byte[]? Payload => payload;

    public override void AddTo(SqlBuilderList commands, int index, DateTime now)
    {
        var check = new RowCheck(index, 1);
        if (expectedVersion is not long expected)
        {
            commands.Add(check, Insert, grainType, grainKey, stateName, stateType, payload, now);
        }
        else
        {
            commands.Add(check, Update, stateType, payload, now, grainType, grainKey, stateName, expected);
        }
    }

    public override async Task<Exception> DescribeConflictAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = ReadVersion;
        command.Parameters.AddWithValue("@type", grainType);
        command.Parameters.AddWithValue("@key", grainKey);
        command.Parameters.AddWithValue("@name", stateName);
        var stored = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : (long?)null;
        var storedETag = stored is long value ? RowVersionETag.Format(value) : null;
        var presented = expectedVersion is long e ? RowVersionETag.Format(e) : null;
        return new InconsistentStateException(
            (stored, presented) switch
            {
                (null, _) => $"State '{stateName}' of grain {grainType}/{grainKey} does not exist but the writer presented ETag {presented}.",
                (_, null) => $"State '{stateName}' of grain {grainType}/{grainKey} already exists (ETag {storedETag}) but the writer presented none.",
                _ => $"State '{stateName}' of grain {grainType}/{grainKey} has ETag {storedETag} but the writer presented ETag {presented}.",
            },
            storedETag,
            presented);
    }
}
