using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MySql.Data.MySqlClient;

namespace Shop.Providers.MySql.Schema;

/// <summary>
/// Brings a database to the schema version this build knows by running, in order, the embedded
/// <c>Scripts/MySQL-NNN-Name.sql</c> scripts that <c>schema_versions</c> does not list yet.
/// </summary>
/// <remarks>
/// Several silos may start at once against an empty database; a named server lock (GET_LOCK) lets one
/// of them migrate while the others wait and then find nothing left to do. MySQL commits DDL
/// implicitly, so a script cannot be rolled back: its statements are idempotent instead, and a script
/// interrupted half-way (a crash, a lost connection) is simply run again by the next starter because
/// its version row is only written after its last statement.
/// </remarks>
internal static partial class MySqlSchema
{
    private const string ResourcePrefix = "Shop.Providers.MySql.Scripts.";

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_versions (
            version    INT          NOT NULL,
            script     VARCHAR(200) NOT NULL,
            applied_at DATETIME(3)  NOT NULL,
            PRIMARY KEY (version)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin
        """;

    private static readonly Lazy<IReadOnlyList<SchemaScript>> Scripts = new(LoadScripts);

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => Scripts.Value[^1].Version;

    /// <summary>
    /// Runs the missing scripts on <paramref name="connection"/> (which must not be pooled: closing it is
    /// what guarantees the server lock is gone, and it must return results in utf8mb4, see
    /// <see cref="MySqlSql.CharacterSetResults"/>) and returns the ones it ran.
    /// </summary>
    public static IReadOnlyList<SchemaScript> Migrate(MySqlConnection connection, string database, TimeSpan lockTimeout, DateTime now)
    {
        var lockName = LockName(database);
        AcquireLock(connection, lockName, lockTimeout);
        try
        {
            Execute(connection, CreateVersionTable);
            var applied = ReadAppliedVersions(connection);
            var newest = applied.Count == 0 ? 0 : applied.Max();
            if (newest > LatestVersion)
            {
                throw new NotSupportedException(
                    $"Database '{database}' has schema version {newest}, newer than version {LatestVersion} that this build knows. " +
                    "Refusing to use it rather than risk misreading it.");
            }

            var ran = new List<SchemaScript>();
            foreach (var script in Scripts.Value)
            {
                if (applied.Contains(script.Version))
                {
                    continue;
                }

                foreach (var statement in script.Statements)
                {
                    Execute(connection, statement);
                }

                using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_versions (version, script, applied_at) VALUES (@version, @script, @appliedAt)";
                record.Parameters.AddWithValue("@version", script.Version);
                record.Parameters.AddWithValue("@script", script.Name);
                record.Parameters.AddWithValue("@appliedAt", now);
                record.ExecuteNonQuery();
                ran.Add(script);
            }

            return ran;
        }
        finally
        {
            ReleaseLock(connection, lockName);
        }
    }

    /// <summary>
    /// GET_LOCK names are server-wide and at most 64 characters; database names may be 64 characters
    /// themselves, so long ones are hashed.
    /// </summary>
    internal static string LockName(string database)
    {
        var name = "shop_schema:" + database;
        if (name.Length <= 64)
        {
            return name;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(database));
        return "shop_schema:" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static void AcquireLock(MySqlConnection connection, string lockName, TimeSpan timeout)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT GET_LOCK(@name, @timeout)";
        command.Parameters.AddWithValue("@name", lockName);
        command.Parameters.AddWithValue("@timeout", Math.Max(0, (int)Math.Ceiling(timeout.TotalSeconds)));
        // The lock wait happens on the server; the command must be allowed to outlast it.
        command.CommandTimeout = Math.Max(command.CommandTimeout, (int)Math.Ceiling(timeout.TotalSeconds) + 30);
        var result = command.ExecuteScalar();
        if (result is null or DBNull || Convert.ToInt64(result, CultureInfo.InvariantCulture) != 1)
        {
            throw new TimeoutException(
                $"Timed out after {timeout} waiting for the schema lock '{lockName}': another process is migrating the database, or died holding the lock in a connection the server has not closed yet.");
        }
    }

    private static void ReleaseLock(MySqlConnection connection, string lockName)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DO RELEASE_LOCK(@name)";
            command.Parameters.AddWithValue("@name", lockName);
            command.ExecuteNonQuery();
        }
        catch (Exception)
        {
            // Whatever went wrong (maybe what failed the migration itself), the caller closes this unpooled
            // connection next, which releases the lock on the server anyway; the original error matters.
        }
    }

    private static HashSet<int> ReadAppliedVersions(MySqlConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_versions";
        using var reader = command.ExecuteReader();
        var versions = new HashSet<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static void Execute(MySqlConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static IReadOnlyList<SchemaScript> LoadScripts()
    {
        var assembly = typeof(MySqlSchema).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[ResourcePrefix.Length..];
            var match = ScriptNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Schema script '{fileName}' is not named MySQL-NNN-Name.sql.");
            }

            var version = int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            scripts.Add(new SchemaScript(version, fileName, SplitStatements(ReadResource(assembly, resource))));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException("No schema scripts are embedded in the MySQL provider.");
        }

        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException("Schema scripts must be numbered 001, 002, 003… without gaps or duplicates.");
            }
        }

        return scripts;
    }

    /// <summary>
    /// Splits a script into statements, one command each, so that an error names the statement that
    /// failed. Scripts follow simple rules (see MySQL-001-Initial.sql): whole-line '--' comments and a
    /// ';' ending each statement's last line.
    /// </summary>
    internal static IReadOnlyList<string> SplitStatements(string script)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        foreach (var rawLine in script.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            current.AppendLine(line);
            if (trimmed.EndsWith(';'))
            {
                statements.Add(current.ToString().Trim().TrimEnd(';').TrimEnd());
                current.Clear();
            }
        }

        if (current.ToString().Trim().Length > 0)
        {
            throw new InvalidOperationException("A schema script ends with a statement that has no ';'.");
        }

        return statements;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema script '{name}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^MySQL-(\d{3,})-([A-Za-z0-9_.\-]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptNamePattern();
}
