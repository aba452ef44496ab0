using Microsoft.Data.Sqlite;
using Shop.Journaling;

namespace Shop.Providers.Sqlite;

/// <summary>
/// Orleans' reminder table in the <c>reminders</c> table of a <see cref="SqliteStore"/>, for a single silo
/// (or several silos in one process) on one machine.
/// </summary>
/// <remarks>
/// Each row keeps the grain's uniform hash, so a silo reads the reminders of its part of the ring with an
/// index range scan. ETags are the row's version: an upsert always succeeds and advances it, a removal
/// only deletes the row whose version the caller read. Writes are group-committed with the store's other
/// writes and acknowledged after their commit.
/// </remarks>
public sealed class SqliteReminderTable : IReminderTable
{
    private readonly SqliteStore _store;

    public SqliteReminderTable(SqliteStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>Opens the file (creating or upgrading the schema) so that a broken store fails the silo's start.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        SqliteValues.ValidateGrainId(grainId);
        return ReadAsync(SqliteSql.ReadGrainReminders, command => SqliteValues.AddGrainId(command, grainId));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // The ring range (begin, end]; begin >= end means it wraps around, and begin == end is the whole ring.
        var sql = begin < end ? SqliteSql.ReadRemindersInRange : SqliteSql.ReadRemindersOutsideRange;
        return ReadAsync(sql, command =>
        {
            command.Parameters.AddWithValue("$begin", (long)begin);
            command.Parameters.AddWithValue("$end", (long)end);
        });
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        SqliteValues.ValidateGrainId(grainId);
        ArgumentNullException.ThrowIfNull(reminderName);
        var rows = await ReadAsync(SqliteSql.ReadReminder, command => AddReminderKey(command, grainId, reminderName)).ConfigureAwait(false);
        return rows.Reminders.Count == 0 ? null : rows.Reminders[0];
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        SqliteValues.ValidateGrainId(entry.GrainId);
        ArgumentNullException.ThrowIfNull(entry.ReminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(entry.Period, TimeSpan.Zero);

        var grainId = entry.GrainId;
        var name = entry.ReminderName;
        var hash = (long)grainId.GetUniformHashCode();
        var startAt = SqliteValues.ToUnixMs(entry.StartAt);
        var periodMs = SqliteValues.ToMilliseconds(entry.Period);
        var version = await _store.ExecuteWriteAsync(
            context =>
            {
                var command = context.Command(SqliteSql.UpsertReminder);
                AddReminderKey(command, grainId, name);
                command.Parameters.AddWithValue("$hash", hash);
                command.Parameters.AddWithValue("$startAt", startAt);
                command.Parameters.AddWithValue("$periodMs", periodMs);
                return (long)command.ExecuteScalar()!;
            }).ConfigureAwait(false);
        return RowVersionETag.Format(version);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        SqliteValues.ValidateGrainId(grainId);
        ArgumentNullException.ThrowIfNull(reminderName);
        if (!RowVersionETag.TryParse(eTag, out var version))
        {
            return false;
        }

        return await _store.ExecuteWriteAsync(
            context =>
            {
                var command = context.Command(SqliteSql.RemoveReminder);
                AddReminderKey(command, grainId, reminderName);
                command.Parameters.AddWithValue("$version", version);
                return command.ExecuteNonQuery() > 0;
            }).ConfigureAwait(false);
    }

    public Task TestOnlyClearTable() => _store.ExecuteWriteAsync(context => context.Command(SqliteSql.ClearReminders).ExecuteNonQuery());

    private Task<ReminderTableData> ReadAsync(string sql, Action<SqliteCommand> bind) => _store.ExecuteReadAsync(
        async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var entries = new List<ReminderEntry>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                entries.Add(new ReminderEntry
                {
                    GrainId = GrainId.Create(reader.GetString(0), reader.GetString(1)),
                    ReminderName = reader.GetString(2),
                    StartAt = SqliteValues.UtcDateTimeFromUnixMs(reader.GetInt64(3)),
                    Period = TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                    ETag = RowVersionETag.Format(reader.GetInt64(5)),
                });
            }

            return new ReminderTableData(entries);
        });

    private static void AddReminderKey(SqliteCommand command, GrainId grainId, string name)
    {
        SqliteValues.AddGrainId(command, grainId);
        command.Parameters.AddWithValue("$name", name);
    }
}
