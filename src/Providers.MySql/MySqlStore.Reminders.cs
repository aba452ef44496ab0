using System.Data.Common;
using MySql.Data.MySqlClient;
using Shop.Runtime;
using Shop.Runtime.Storage;

namespace Shop.Providers.MySql;

public sealed partial class MySqlStore
{
    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        return await RunReadAsync<IReadOnlyList<ReminderEntry>>(
            connection =>
            {
                using var command = Command(connection, MySqlSql.ReadAllReminders);
                using var reader = command.ExecuteReader();
                var reminders = new List<ReminderEntry>();
                while (reader.Read())
                {
                    reminders.Add(ReadReminder(reader));
                }

                return reminders;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken = default)
    {
        ValidateReminderKey(grainId, name);

        return await RunReadAsync(
            connection =>
            {
                using var command = Command(connection, MySqlSql.ReadReminder);
                AddReminderKey(command, grainId, name);
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadReminder(reader) : null;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> UpsertAsync(GrainId grainId, string name, DateTimeOffset startAt, TimeSpan period, CancellationToken cancellationToken = default)
    {
        ValidateReminderKey(grainId, name);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);

        return await RunWriteAsync(
            connection =>
            {
                using var command = Command(connection, MySqlSql.UpsertReminder);
                AddReminderKey(command, grainId, name);
                command.Parameters.AddWithValue("@startAt", MySqlValues.ToColumn(startAt));
                command.Parameters.AddWithValue("@periodMs", MySqlValues.ToMilliseconds(period));
                command.ExecuteNonQuery();
                return RowVersionETag.Format(command.LastInsertedId);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string name, string eTag, CancellationToken cancellationToken = default)
    {
        ValidateReminderKey(grainId, name);
        ArgumentNullException.ThrowIfNull(eTag);
        if (!RowVersionETag.TryParse(eTag, out var version))
        {
            return false;
        }

        return await RunWriteAsync(
            connection =>
            {
                using var command = Command(connection, MySqlSql.RemoveReminder);
                AddReminderKey(command, grainId, name);
                command.Parameters.AddWithValue("@version", version);
                return command.ExecuteNonQuery() > 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateReminderKey(GrainId grainId, string name)
    {
        ValidateGrainId(grainId);
        ArgumentNullException.ThrowIfNull(name);
        MySqlValues.CheckLength(name, MySqlLimits.ReminderName, "reminder name", nameof(name));
    }

    private static void AddReminderKey(MySqlCommand command, GrainId grainId, string name)
    {
        command.Parameters.AddWithValue("@type", grainId.Type);
        command.Parameters.AddWithValue("@key", grainId.Key);
        command.Parameters.AddWithValue("@name", name);
    }

    private static ReminderEntry ReadReminder(DbDataReader reader) => new(
        GrainId: new GrainId(reader.GetString(0), reader.GetString(1)),
        Name: reader.GetString(2),
        StartAt: MySqlValues.FromColumn(reader.GetDateTime(3)),
        Period: TimeSpan.FromMilliseconds(reader.GetInt64(4)),
        ETag: RowVersionETag.Format(reader.GetInt64(5)));
}
