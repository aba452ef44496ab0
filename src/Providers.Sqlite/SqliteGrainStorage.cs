using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Shop.Journaling;
using Shop.Providers.Sqlite.Writing;

namespace Shop.Providers.Sqlite;

/// <summary>
/// Orleans grain storage (<see cref="IPersistentState{TState}"/>) in the <c>grain_state</c> table of a
/// <see cref="SqliteStore"/>. ETags are the row's version; a write or clear presenting any other ETag fails
/// with <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
/// <remarks>
/// Writes are group-committed with every other write of the store and acknowledged only after their
/// transaction has committed (<c>synchronous=FULL</c>). A clear keeps the row with a NULL payload and advances
/// its version, so an activation still holding a pre-clear ETag conflicts instead of resurrecting the state.
/// </remarks>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly SqliteStore _store;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger _logger;

    /// <param name="store">The database file.</param>
    /// <param name="serializer">Turns states into payloads; null means JSON (System.Text.Json, <see cref="Shop.Journaling.JournalJson.Options"/>).</param>
    /// <param name="logger">Where conflicts are logged (at Debug: they are expected after a split activation).</param>
    public SqliteGrainStorage(SqliteStore store, IGrainStorageSerializer? serializer = null, ILogger<SqliteGrainStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _serializer = serializer ?? JsonGrainStateSerializer.Instance;
        _logger = logger ?? NullLogger<SqliteGrainStorage>.Instance;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        Validate(stateName, grainId, grainState);
        var (version, payload) = await _store.ExecuteReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SqliteSql.ReadState;
                AddStateKey(command, grainId, stateName);
                await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                if (!await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    return (0L, (byte[]?)null);
                }

                return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1));
            },
            cancellationToken).ConfigureAwait(false);

        if (version == 0)
        {
            // Never written: Orleans already holds a fresh state made by its activator; keep it.
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        else if (payload is null)
        {
            // Cleared: a fresh state, but the row's ETag, so the next write continues its version.
            grainState.State = CreateEmpty<T>();
            grainState.ETag = RowVersionETag.Format(version);
            grainState.RecordExists = false;
        }
        else
        {
            grainState.State = _serializer.Deserialize<T>(new BinaryData(payload))!;
            grainState.ETag = RowVersionETag.Format(version);
            grainState.RecordExists = true;
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        Validate(stateName, grainId, grainState);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var presented = grainState.ETag;
        var stateType = typeof(T).FullName ?? typeof(T).Name;
        var version = await _store.ExecuteWriteAsync(
            context => Write(context, stateName, grainId, stateType, presented, payload),
            cancellationToken).ConfigureAwait(false);
        grainState.ETag = RowVersionETag.Format(version);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        Validate(stateName, grainId, grainState);
        var presented = grainState.ETag;
        var stateType = typeof(T).FullName ?? typeof(T).Name;
        long? version;
        if (presented is null)
        {
            // Nothing was ever stored as far as the caller knows: succeed only if that is still true.
            version = await _store.ExecuteWriteAsync<long?>(
                context =>
                {
                    var stored = ReadStoredVersion(context, grainId, stateName);
                    return stored is null ? null : throw Conflict(stateName, grainId, stored, presented);
                },
                cancellationToken).ConfigureAwait(false);
        }
        else
        {
            version = await _store.ExecuteWriteAsync<long?>(
                context => Write(context, stateName, grainId, stateType, presented, payload: null),
                cancellationToken).ConfigureAwait(false);
        }

        grainState.State = CreateEmpty<T>();
        grainState.ETag = version is { } v ? RowVersionETag.Format(v) : null;
        grainState.RecordExists = false;
    }

    /// <summary>Inserts (no ETag) or updates (the row's ETag) the row, on the writer connection; returns the new version.</summary>
    private long Write(WriteContext context, string stateName, GrainId grainId, string stateType, string? presented, byte[]? payload)
    {
        if (presented is null)
        {
            if (payload is null)
            {
                throw new InvalidOperationException("A clear without an ETag writes nothing.");
            }

            var insert = context.Command(SqliteSql.InsertState);
            AddStateKey(insert, grainId, stateName);
            insert.Parameters.AddWithValue("$stateType", stateType);
            insert.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
            insert.Parameters.AddWithValue("$now", context.NowUnixMs);
            if (insert.ExecuteNonQuery() == 1)
            {
                return 1;
            }
        }
        else if (RowVersionETag.TryParse(presented, out var expected))
        {
            var update = context.Command(SqliteSql.UpdateState);
            AddStateKey(update, grainId, stateName);
            update.Parameters.AddWithValue("$stateType", stateType);
            update.Parameters.Add("$payload", SqliteType.Blob).Value = SqliteValues.Blob(payload);
            update.Parameters.AddWithValue("$now", context.NowUnixMs);
            update.Parameters.AddWithValue("$expected", expected);
            if (update.ExecuteNonQuery() == 1)
            {
                return expected + 1;
            }
        }

        throw Conflict(stateName, grainId, ReadStoredVersion(context, grainId, stateName), presented);
    }

    private InconsistentStateException Conflict(string stateName, GrainId grainId, long? stored, string? presented)
    {
        var storedETag = stored is { } version ? RowVersionETag.Format(version) : null;
        SqliteStoreLog.StateConflict(_logger, stateName, grainId, storedETag, presented);
        return new InconsistentStateException(
            storedETag is null
                ? $"State '{stateName}' of grain {grainId} does not exist but the writer presented ETag {presented}."
                : $"State '{stateName}' of grain {grainId} has ETag {storedETag} but the writer presented ETag {presented ?? "none"}.",
            storedETag,
            presented);
    }

    private static long? ReadStoredVersion(WriteContext context, GrainId grainId, string stateName)
    {
        var read = context.Command(SqliteSql.ReadStateVersion);
        AddStateKey(read, grainId, stateName);
        return read.ExecuteScalar() is long version ? version : null;
    }

    private static void AddStateKey(SqliteCommand command, GrainId grainId, string stateName)
    {
        SqliteValues.AddGrainId(command, grainId);
        command.Parameters.AddWithValue("$name", stateName);
    }

    private static void Validate<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        SqliteValues.ValidateGrainId(grainId);
    }

    // Types without a public parameterless constructor (records with positional parameters) become default.
    private static T CreateEmpty<T>() => typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null
        ? Activator.CreateInstance<T>()
        : default!;
}
