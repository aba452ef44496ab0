using Microsoft.Data.Sqlite;
using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.Providers.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSql.ReadAllReminders;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var reminders = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            reminders.Add(ReadReminder(reader));
        }

        return reminders;
    }

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken = default)
    {
        ValidateGrainId(grainId);
        ArgumentNullException.ThrowIfNull(name);

        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSql.ReadReminder;
        AddReminderKey(command, grainId, name);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadReminder(reader) : null;
    }

    public async Task<string> UpsertAsync(GrainId grainId, string name, DateTimeOffset startAt, TimeSpan period, CancellationToken cancellationToken = default)
    {
        ValidateGrainId(grainId);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);

        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        return await writer.EnqueueAsync(
            context =>
            {
                var command = context.Command(SqliteSql.UpsertReminder);
                AddReminderKey(command, grainId, name);
                command.Parameters.AddWithValue("$startAt", SqliteValues.ToUnixMs(startAt));
                command.Parameters.AddWithValue("$periodMs", SqliteValues.ToMilliseconds(period));
                return RowVersionETag.Format((long)command.ExecuteScalar()!);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string name, string eTag, CancellationToken cancellationToken = default)
    {
        ValidateGrainId(grainId);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(eTag);
        if (!RowVersionETag.TryParse(eTag, out var version))
        {
            return false;
        }

        var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
        return await writer.EnqueueAsync(
            context =>
            {
                var command = context.Command(SqliteSql.RemoveReminder);
                AddReminderKey(command, grainId, name);
                command.Parameters.AddWithValue("$version", version);
                return command.ExecuteNonQuery() > 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static void AddReminderKey(SqliteCommand command, GrainId grainId, string name)
    {
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$name", name);
    }

    private static ReminderEntry ReadReminder(SqliteDataReader reader) => new(
        GrainId: new GrainId(reader.GetString(0), reader.GetString(1)),
        Name: reader.GetString(2),
        StartAt: SqliteValues.FromUnixMs(reader.GetInt64(3)),
        Period: TimeSpan.FromMilliseconds(reader.GetInt64(4)),
        ETag: RowVersionETag.Format(reader.GetInt64(5)));
}
