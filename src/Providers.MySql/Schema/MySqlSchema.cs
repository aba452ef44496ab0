using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MySqlConnector;

namespace Shop.Providers.MySql;

/// <summary>
/// Creates or upgrades everything this project keeps in a MariaDB/MySQL database: the tables of
/// <see cref="MySqlGrainStorage"/> and <see cref="MySqlJournalStorage"/>, and the tables and
/// <c>OrleansQuery</c> rows of Orleans' ADO.NET clustering, reminder and grain storage providers.
/// </summary>
/// <remarks>
/// Runs, in order, the embedded <c>Scripts/MySQL-NNN-Name.sql</c> scripts that <c>schema_versions</c> does not
/// list yet. Several processes may start at once against an empty database; a named server lock
/// (GET_LOCK) lets one of them migrate while the others wait and then find nothing left to do. MySQL
/// commits DDL implicitly, so a script cannot be rolled back: its statements are idempotent instead, and a
/// script interrupted half-way (a crash, a lost connection) is simply run again by the next starter,
/// because its version row is only written after its last statement.
/// </remarks>
public static partial class MySqlSchema
{
    /// <summary>How long <see cref="EnsureAsync"/> waits for another process that is migrating the same database.</summary>
    internal static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(2);

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
    internal static int LatestVersion => Scripts.Value[^1].Version;

    internal static IReadOnlyList<SchemaScript> AllScripts => Scripts.Value;

    /// <summary>
    /// Creates or upgrades the schema of the database that <paramref name="connectionString"/> names
    /// (<c>Database=…</c>, which must exist). Safe to call from several processes at once, and cheap when
    /// there is nothing to do (one lock, one read). Hosts call it before starting Orleans: the ADO.NET
    /// clustering provider reads its queries from the database when the silo or client starts.
    /// </summary>
    /// <exception cref="NotSupportedException">The database was upgraded by a newer build than this one.</exception>
    /// <exception cref="TimeoutException">Another process held the schema lock for more than two minutes.</exception>
    public static async Task EnsureAsync(string connectionString, CancellationToken ct = default)
        => await MigrateAsync(connectionString, DefaultLockTimeout, ct).ConfigureAwait(false);

    /// <summary>Runs the missing scripts and returns the ones it ran.</summary>
    internal static async Task<IReadOnlyList<SchemaScript>> MigrateAsync(string connectionString, TimeSpan lockTimeout, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new MySqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(settings.Database))
        {
            throw new ArgumentException("The connection string must name the database (Database=…) that holds the schema.", nameof(connectionString));
        }

        var database = settings.Database;
        // Closing an unpooled connection ends its session, and with it the server lock, whatever happened.
        settings.Pooling = false;
        await using var connection = new MySqlConnection(settings.ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);

        var lockName = LockName(database);
        await AcquireLockAsync(connection, lockName, lockTimeout, ct).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, CreateVersionTable, ct).ConfigureAwait(false);
            var applied = await ReadAppliedVersionsAsync(connection, ct).ConfigureAwait(false);
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
                    await ExecuteAsync(connection, statement, ct).ConfigureAwait(false);
                }

                await using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_versions (version, script, applied_at) VALUES (@version, @script, UTC_TIMESTAMP(3))";
                record.Parameters.AddWithValue("@version", script.Version);
                record.Parameters.AddWithValue("@script", script.Name);
                await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                ran.Add(script);
            }

            return ran;
        }
        finally
        {
            await ReleaseLockAsync(connection, lockName).ConfigureAwait(false);
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

    private static async Task AcquireLockAsync(MySqlConnection connection, string lockName, TimeSpan timeout, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT GET_LOCK(@name, @timeout)";
        command.Parameters.AddWithValue("@name", lockName);
        command.Parameters.AddWithValue("@timeout", Math.Max(0, (int)Math.Ceiling(timeout.TotalSeconds)));
        // The lock wait happens on the server; the command must be allowed to outlast it.
        command.CommandTimeout = Math.Max(command.CommandTimeout, (int)Math.Ceiling(timeout.TotalSeconds) + 30);
        var result = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        if (result is null or DBNull || Convert.ToInt64(result, CultureInfo.InvariantCulture) != 1)
        {
            throw new TimeoutException(
                $"Timed out after {timeout} waiting for the schema lock '{lockName}': another process is migrating the database, or died holding the lock in a connection the server has not closed yet.");
        }
    }

    private static async Task ReleaseLockAsync(MySqlConnection connection, string lockName)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DO RELEASE_LOCK(@name)";
            command.Parameters.AddWithValue("@name", lockName);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is MySqlException or InvalidOperationException or IOException)
        {
            // Whatever went wrong (maybe what failed the migration itself), the caller closes this unpooled
            // connection next, which releases the lock on the server anyway; the original error matters.
        }
    }

    private static async Task<HashSet<int>> ReadAppliedVersionsAsync(MySqlConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_versions";
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
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
            scripts.Add(new SchemaScript(version, fileName, ScriptSplitter.Split(ReadResource(assembly, resource))));
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
