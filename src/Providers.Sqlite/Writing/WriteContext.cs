using Microsoft.Data.Sqlite;

namespace Shop.Providers.Sqlite.Writing;

/// <summary>The writer connection as write operations see it, with its prepared statements kept for reuse.</summary>
internal sealed class WriteContext : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public WriteContext(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The time of the current batch, UTC unix milliseconds; every row a batch stamps gets the same value.</summary>
    public long NowUnixMs { get; set; }

    /// <summary>
    /// A command for <paramref name="sql"/> with no parameters bound. Commands are cached per text so the
    /// hot statements are compiled once per connection rather than once per commit.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    public void Execute(string sql) => Command(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
