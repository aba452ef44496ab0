using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Shop.Providers.Sqlite.Schema;

/// <summary>
/// Brings a database file to the schema version this build knows, running the numbered scripts
/// embedded from <c>Schema/NNNN_name.sql</c> that it has not run yet.
/// </summary>
internal static class SqliteSchema
{
    private const string ResourcePrefix = "Shop.Providers.Sqlite.Schema.";

    private static readonly Lazy<IReadOnlyList<SchemaScript>> Scripts = new(LoadScripts);

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => Scripts.Value[^1].Version;

    /// <summary>Runs the missing scripts and returns the version found before, or -1 when it was already current.</summary>
    public static int Migrate(SqliteConnection connection, long nowUnixMs)
    {
        // IMMEDIATE takes the write lock before reading the version, so two processes opening a fresh
        // file at once cannot both decide to run script 1.
        Execute(connection, "BEGIN IMMEDIATE;");
        try
        {
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version    INTEGER NOT NULL PRIMARY KEY,
                    applied_at INTEGER NOT NULL
                );
                """);

            int current;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
                current = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            if (current > LatestVersion)
            {
                throw new NotSupportedException(
                    $"The database has schema version {current}, newer than version {LatestVersion} that this build knows. " +
                    "Refusing to use it rather than risk misreading it.");
            }

            if (current == LatestVersion)
            {
                Execute(connection, "COMMIT;");
                return -1;
            }

            foreach (var script in Scripts.Value)
            {
                if (script.Version <= current)
                {
                    continue;
                }

                Execute(connection, script.Sql);
                using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $appliedAt);";
                record.Parameters.AddWithValue("$version", script.Version);
                record.Parameters.AddWithValue("$appliedAt", nowUnixMs);
                record.ExecuteNonQuery();
            }

            Execute(connection, "COMMIT;");
            return current;
        }
        catch
        {
            TryRollback(connection);
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void TryRollback(SqliteConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK;");
        }
        catch (SqliteException)
        {
            // SQLite may already have rolled back on its own (e.g. after an I/O error); the original error matters.
        }
    }

    private static IReadOnlyList<SchemaScript> LoadScripts()
    {
        var assembly = typeof(SqliteSchema).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = name[ResourcePrefix.Length..];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Schema script '{fileName}' is not named NNNN_description.sql.");
            }

            scripts.Add(new SchemaScript(version, ReadResource(assembly, name)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException("Schema scripts must be numbered 1, 2, 3… without gaps or duplicates.");
            }
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException("No schema scripts are embedded in the SQLite provider.");
        }

        return scripts;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema script '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
