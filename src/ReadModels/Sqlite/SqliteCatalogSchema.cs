using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Shop.ReadModels.Sqlite;

/// <summary>
/// Brings the catalog file to the schema version this build knows, running the numbered scripts embedded from
/// <c>Sqlite/Scripts/NNNN_name.sql</c> that it has not run yet, each in the same transaction as its version row.
/// </summary>
internal static class SqliteCatalogSchema
{
    private const string ResourcePrefix = "Shop.ReadModels.Sqlite.Scripts.";

    private static readonly Lazy<IReadOnlyList<(int Version, string Sql)>> Scripts = new(LoadScripts);

    public static int LatestVersion => Scripts.Value[^1].Version;

    /// <summary>Runs the missing scripts and returns the version found before, or -1 when it was already current.</summary>
    public static int Migrate(SqliteConnection connection, long nowUnixMs)
    {
        // IMMEDIATE takes the write lock before reading the version, so two processes opening a fresh file at once
        // cannot both run script 1.
        Execute(connection, "BEGIN IMMEDIATE;");
        try
        {
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS catalog_schema_version (
                    version    INTEGER NOT NULL PRIMARY KEY,
                    applied_at INTEGER NOT NULL
                );
                """);

            int current;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM catalog_schema_version;";
                current = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            if (current > LatestVersion)
            {
                throw new NotSupportedException(
                    $"The catalog database has schema version {current}, newer than version {LatestVersion} that this build knows. " +
                    "Refusing to use it rather than risk misreading it.");
            }

            if (current == LatestVersion)
            {
                Execute(connection, "COMMIT;");
                return -1;
            }

            foreach (var (version, sql) in Scripts.Value)
            {
                if (version <= current)
                {
                    continue;
                }

                Execute(connection, sql);
                using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO catalog_schema_version (version, applied_at) VALUES ($version, $appliedAt);";
                record.Parameters.AddWithValue("$version", version);
                record.Parameters.AddWithValue("$appliedAt", nowUnixMs);
                record.ExecuteNonQuery();
            }

            Execute(connection, "COMMIT;");
            return current;
        }
        catch
        {
            try
            {
                Execute(connection, "ROLLBACK;");
            }
            catch (SqliteException)
            {
                // SQLite may have rolled back by itself; the original error matters.
            }

            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static IReadOnlyList<(int Version, string Sql)> LoadScripts()
    {
        var assembly = typeof(SqliteCatalogSchema).Assembly;
        var scripts = new List<(int Version, string Sql)>();
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
                throw new InvalidOperationException($"Catalog schema script '{fileName}' is not named NNNN_description.sql.");
            }

            scripts.Add((version, ReadResource(assembly, name)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException("No catalog schema scripts are embedded for SQLite.");
        }

        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException("Catalog schema scripts must be numbered 1, 2, 3… without gaps or duplicates.");
            }
        }

        return scripts;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded catalog schema script '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
