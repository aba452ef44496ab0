using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Shop.Journaling;
using Shop.Providers.MySql.Writing;

namespace Shop.Providers.MySql;

/// <summary>
/// Orleans grain storage (<see cref="IPersistentState{TState}"/>) in the <c>grain_state</c> table of a
/// <see cref="MySqlStore"/>. ETags are the row's version; a write or clear presenting any other ETag fails
/// with <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
/// <remarks>
/// Writes are group-committed with every other write of the store (many grains, one transaction, one
/// redo-log flush) and acknowledged only after their transaction has committed; a conflicting write fails
/// alone, the others of its batch go through. A clear keeps the row with a NULL payload and advances its
/// version, so an activation still holding a pre-clear ETag conflicts instead of resurrecting the state.
/// </remarks>
public sealed class MySqlGrainStorage : IGrainStorage
{
    private readonly MySqlStore _store;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger _logger;

    /// <param name="store">The database.</param>
    /// <param name="serializer">Turns states into payloads; null means JSON (System.Text.Json, <see cref="Shop.Journaling.JournalJson.Options"/>).</param>
    /// <param name="logger">Where conflicts are logged (at Debug: they are expected after a split activation).</param>
    public MySqlGrainStorage(MySqlStore store, IGrainStorageSerializer? serializer = null, ILogger<MySqlGrainStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _serializer = serializer ?? JsonGrainStateSerializer.Instance;
        _logger = logger ?? NullLogger<MySqlGrainStorage>.Instance;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (type, key) = Validate(stateName, grainId, grainState);
        var (version, payload) = await _store.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MySqlSql.ReadState;
                command.Parameters.AddWithValue("@type", type);
                command.Parameters.AddWithValue("@key", key);
                command.Parameters.AddWithValue("@name", stateName);
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
        var (type, key) = Validate(stateName, grainId, grainState);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var version = await WriteAsync(stateName, grainId, type, key, StateType<T>(), grainState.ETag, payload, cancellationToken).ConfigureAwait(false);
        grainState.ETag = RowVersionETag.Format(version);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (type, key) = Validate(stateName, grainId, grainState);
        string? eTag = null;
        if (grainState.ETag is { } presented)
        {
            eTag = RowVersionETag.Format(await WriteAsync(stateName, grainId, type, key, StateType<T>(), presented, payload: null, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            // Nothing was ever stored as far as the caller knows: succeed, writing nothing, only if that is still true.
            var stored = new GrainState<T>();
            await ReadStateAsync(stateName, grainId, stored, cancellationToken).ConfigureAwait(false);
            if (stored.ETag is not null)
            {
                throw Conflict(stateName, grainId, new InconsistentStateException(
                    $"State '{stateName}' of grain {grainId} exists (ETag {stored.ETag}) but the clearing writer presented none.",
                    stored.ETag,
                    currentEtag: null));
            }
        }

        grainState.State = CreateEmpty<T>();
        grainState.ETag = eTag;
        grainState.RecordExists = false;
    }

    private async Task<long> WriteAsync(string stateName, GrainId grainId, string type, string key, string stateType, string? presented, byte[]? payload, CancellationToken cancellationToken)
    {
        long? expected = null;
        if (presented is not null)
        {
            if (!RowVersionETag.TryParse(presented, out var version))
            {
                // Not an ETag of this store, so it cannot match whatever is stored: nothing to run.
                throw Conflict(stateName, grainId, new InconsistentStateException(
                    $"State '{stateName}' of grain {grainId}: the writer presented ETag '{presented}', which this store never issued.",
                    null,
                    presented));
            }

            expected = version;
        }

        var write = new StateWrite(type, key, stateName, stateType, expected, payload);
        try
        {
            await _store.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        }
        catch (InconsistentStateException conflict)
        {
            throw Conflict(stateName, grainId, conflict);
        }

        return write.NewVersion;
    }

    private InconsistentStateException Conflict(string stateName, GrainId grainId, InconsistentStateException conflict)
    {
        MySqlStoreLog.StateConflict(_logger, stateName, grainId, conflict.Message);
        return conflict;
    }

    private static string StateType<T>()
    {
        var name = typeof(T).FullName ?? typeof(T).Name;
        return name.Length <= MySqlLimits.StateType ? name : name[..MySqlLimits.StateType];
    }

    private static (string Type, string Key) Validate<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        MySqlValues.CheckLength(stateName, MySqlLimits.StateName, "state name", nameof(stateName));
        return GrainKeys.Of(grainId);
    }

    // Types without a public parameterless constructor (records with positional parameters) become default.
    private static T CreateEmpty<T>() => typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null
        ? Activator.CreateInstance<T>()
        : default!;
}
