using System.Text;

namespace Shop.Providers.MySql;

/// <summary>
/// Splits a schema script into statements, one command each, so that an error names the statement that
/// failed and no DELIMITER handling is needed.
/// </summary>
/// <remarks>
/// The rules (see MySQL-001-Initial.sql): a statement ends with a ';' that is the last non-blank
/// character of a line and lies outside a quoted string; a line that starts with '--' outside a quoted
/// string is a comment and dropped. Quoted strings may span lines (the query texts stored in
/// OrleansQuery hold several statements each, with ';' at their line ends and nothing dropped).
/// Inside '…' a quote is escaped by doubling it or by a backslash, as MariaDB reads it.
/// </remarks>
internal static class ScriptSplitter
{
    public static IReadOnlyList<string> Split(string script)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        var quote = '\0';
        foreach (var rawLine in script.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (quote == '\0')
            {
                var trimmed = line.Trim();
                if (trimmed.Length == 0 || trimmed.StartsWith("--", StringComparison.Ordinal))
                {
                    continue;
                }
            }

            quote = Scan(line, quote);
            current.Append(line).Append('\n');
            if (quote == '\0' && line.TrimEnd().EndsWith(';'))
            {
                statements.Add(current.ToString().Trim().TrimEnd(';').TrimEnd());
                current.Clear();
            }
        }

        if (quote != '\0')
        {
            throw new InvalidOperationException("A schema script ends inside a quoted string.");
        }

        if (current.ToString().Trim().Length > 0)
        {
            throw new InvalidOperationException("A schema script ends with a statement that has no ';'.");
        }

        return statements;
    }

    /// <summary>Returns the quote character still open at the end of <paramref name="line"/> ('\0' when none).</summary>
    private static char Scan(string line, char quote)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote == '\0')
            {
                if (c is '\'' or '"' or '`')
                {
                    quote = c;
                }
                else if (c == '-' && i + 1 < line.Length && line[i + 1] == '-')
                {
                    // A trailing comment: nothing after it can open or close a string.
                    return quote;
                }
            }
            else if (c == '\\' && quote != '`')
            {
                i++;
            }
            else if (c == quote)
            {
                if (i + 1 < line.Length && line[i + 1] == quote)
                {
                    i++;
                }
                else
                {
                    quote = '\0';
                }
            }
        }

        return quote;
    }
}
