using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Shop.ReadModels.MySql;

/// <summary>
/// Creates or upgrades the catalog read model's tables in a MariaDB database: runs, in order, the embedded
/// <c>MySql/Scripts/MySQL-NNN-Name.sql</c> scripts that <c>catalog_schema_versions</c> does not list yet. Its own
/// version table, so it never interferes with the main schema (src/Providers.MySql) in the same database.
/// </summary>
/// <remarks>
/// First it makes sure the server can serve the read model at all: the Mroonga engine must be loaded and the
/// <c>mroonga_command</c> function (a UDF of the same plugin) must exist. When either is missing it tries to add it
/// (<c>INSTALL SONAME 'ha_mroonga'</c>, <c>CREATE FUNCTION … SONAME 'ha_mroonga.so'</c>), which works only for an
/// account with rights on the <c>mysql</c> schema; otherwise it stops with the statements an administrator must run.
/// A named server lock (GET_LOCK) lets one of several processes starting at once migrate while the others wait.
/// MariaDB commits DDL implicitly, so scripts are idempotent and a version row is written after a script's last
/// statement: an interrupted script is run again whole by the next starter.
/// </remarks>
internal static partial class MySqlCatalogSchema
{
    private const string ResourcePrefix = "Shop.ReadModels.MySql.Scripts.";

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS catalog_schema_versions (
            version    INT          NOT NULL,
            script     VARCHAR(200) NOT NULL,
            applied_at DATETIME(3)  NOT NULL,
            PRIMARY KEY (version)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
        """;

    private static readonly Lazy<IReadOnlyList<(int Version, string Name, IReadOnlyList<string> Statements)>> Scripts = new(LoadScripts);

    public static int LatestVersion => Scripts.Value[^1].Version;

    public static async Task EnsureAsync(string connectionString, TimeSpan lockTimeout, ILogger logger, CancellationToken cancellationToken)
    {
        var settings = new MySqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(settings.Database))
        {
            throw new ArgumentException("The connection string must name the database (Database=…) that holds the catalog read model.", nameof(connectionString));
        }

        var database = settings.Database;
        // Closing an unpooled connection ends its session, and with it the server lock, whatever happened.
        settings.Pooling = false;
        await using var connection = new MySqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        var lockName = LockName(database);
        await AcquireLockAsync(connection, lockName, lockTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureMroongaAsync(connection, logger, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, CreateVersionTable, cancellationToken).ConfigureAwait(false);
            var applied = new HashSet<int>();
            await using (var read = new MySqlCommand("SELECT version FROM catalog_schema_versions", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            if (applied.Count > 0 && applied.Max() > LatestVersion)
            {
                throw new NotSupportedException(
                    $"Database '{database}' has catalog schema version {applied.Max()}, newer than version {LatestVersion} that this build knows. " +
                    "Refusing to use it rather than risk misreading it.");
            }

            foreach (var (version, name, statements) in Scripts.Value)
            {
                if (applied.Contains(version))
                {
                    continue;
                }

                foreach (var statement in statements)
                {
                    await ExecuteAsync(connection, statement, cancellationToken).ConfigureAwait(false);
                }

                await using var record = new MySqlCommand(
                    "INSERT INTO catalog_schema_versions (version, script, applied_at) VALUES (@version, @script, UTC_TIMESTAMP(3))", connection);
                record.Parameters.AddWithValue("@version", version);
                record.Parameters.AddWithValue("@script", name);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                MySqlCatalogLog.ScriptApplied(logger, name, database);
            }
        }
        finally
        {
            try
            {
                await using var release = new MySqlCommand("DO RELEASE_LOCK(@name)", connection);
                release.Parameters.AddWithValue("@name", lockName);
                await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is MySqlException or InvalidOperationException or IOException)
            {
                // Closing this unpooled connection next releases the lock anyway; the original error matters.
            }
        }
    }

    /// <summary>Splits a script: a statement ends with ';' at the end of a line; lines starting with '--' are dropped.</summary>
    internal static IReadOnlyList<string> Split(string script)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            current.Append(line).Append('\n');
            if (trimmed.EndsWith(';'))
            {
                statements.Add(current.ToString().Trim().TrimEnd(';'));
                current.Clear();
            }
        }

        if (current.ToString().Trim().Length > 0)
        {
            throw new InvalidOperationException("A catalog schema script ends with a statement that has no ';'.");
        }

        return statements;
    }

    private static async Task EnsureMroongaAsync(MySqlConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        await using (var engine = new MySqlCommand("SELECT SUPPORT FROM information_schema.ENGINES WHERE ENGINE = 'Mroonga'", connection))
        {
            var support = await engine.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            if (support is not ("YES" or "DEFAULT"))
            {
                await TryAsync(connection, "INSTALL SONAME 'ha_mroonga'",
                    "The Mroonga storage engine is not loaded in this MariaDB server and this account cannot load it. " +
                    "Install the package mariadb-plugin-mroonga and, as an administrator, run: INSTALL SONAME 'ha_mroonga';",
                    cancellationToken).ConfigureAwait(false);
                MySqlCatalogLog.MroongaInstalled(logger, "the Mroonga engine");
            }
        }

        try
        {
            await ExecuteAsync(connection, "DO mroonga_command('status')", cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException exception) when (exception.ErrorCode == MySqlErrorCode.StoredProcedureDoesNotExist)
        {
            await TryAsync(connection, "CREATE FUNCTION IF NOT EXISTS mroonga_command RETURNS STRING SONAME 'ha_mroonga.so'",
                "The Mroonga function mroonga_command, which the catalog search runs its Groonga selects through, does not exist " +
                "in this MariaDB server and this account cannot create it. As an administrator, run: " +
                "CREATE FUNCTION mroonga_command RETURNS STRING SONAME 'ha_mroonga.so';",
                cancellationToken).ConfigureAwait(false);
            MySqlCatalogLog.MroongaInstalled(logger, "the function mroonga_command");
        }
    }

    private static async Task TryAsync(MySqlConnection connection, string sql, string explanation, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(connection, sql, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException exception)
        {
            throw new InvalidOperationException(explanation, exception);
        }
    }

    private static string LockName(string database)
    {
        // GET_LOCK names are server-wide and at most 64 characters; database names may be 64 characters themselves.
        var name = "shop_catalog_schema:" + database;
        return name.Length <= 64 ? name : "shop_catalog_schema:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database)).AsSpan(0, 16));
    }

    private static async Task AcquireLockAsync(MySqlConnection connection, string lockName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT GET_LOCK(@name, @timeout)", connection);
        command.Parameters.AddWithValue("@name", lockName);
        command.Parameters.AddWithValue("@timeout", Math.Max(0, (int)Math.Ceiling(timeout.TotalSeconds)));
        // The lock wait happens on the server; the command must be allowed to outlast it.
        command.CommandTimeout = Math.Max(command.CommandTimeout, (int)Math.Ceiling(timeout.TotalSeconds) + 30);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (result is null or DBNull || Convert.ToInt64(result, CultureInfo.InvariantCulture) != 1)
        {
            throw new TimeoutException($"Timed out after {timeout} waiting for the catalog schema lock '{lockName}': another process is migrating the database.");
        }
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IReadOnlyList<(int Version, string Name, IReadOnlyList<string> Statements)> LoadScripts()
    {
        var assembly = typeof(MySqlCatalogSchema).Assembly;
        var scripts = new List<(int Version, string Name, IReadOnlyList<string> Statements)>();
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
                throw new InvalidOperationException($"Catalog schema script '{fileName}' is not named MySQL-NNN-Name.sql.");
            }

            scripts.Add((int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture), fileName, Split(ReadResource(assembly, resource))));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException("No catalog schema scripts are embedded for MariaDB.");
        }

        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException("Catalog schema scripts must be numbered 001, 002, 003… without gaps or duplicates.");
            }
        }

        return scripts;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded catalog schema script '{name}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^MySQL-(\d{3,})-([A-Za-z0-9_.\-]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptNamePattern();
}
