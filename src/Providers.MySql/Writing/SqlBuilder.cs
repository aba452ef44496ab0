using System.Globalization;
using System.Text;
using MySqlConnector;

namespace Shop.Providers.MySql.Writing;

/// <summary>
/// Builds one multi-statement command (one round trip) from statement templates whose <c>{0}</c>,
/// <c>{1}</c>… placeholders become uniquely named parameters, and keeps track of its size so that a
/// command stays well below the server's <c>max_allowed_packet</c>.
/// </summary>
internal sealed class SqlBuilder
{
    /// <summary>
    /// The size a command is cut at. MariaDB's default <c>max_allowed_packet</c> is 16 MiB; MySqlConnector
    /// sends parameter values inline and escapes blobs, which can grow them, so one command stays far below
    /// it (a single value larger than this still goes, in a command of its own).
    /// </summary>
    public const long Budget = 4 * 1024 * 1024;

    private readonly StringBuilder _text = new();
    private readonly List<MySqlParameter> _parameters = [];
    private readonly List<RowCheck> _checks = [];
    private readonly Dictionary<object, string> _shared = new(ReferenceEqualityComparer.Instance);

    public bool IsEmpty => _text.Length == 0;

    /// <summary>An estimate of the command's size on the wire, in bytes.</summary>
    public long Size { get; private set; }

    /// <summary>The row counts the command's <c>SELECT ROW_COUNT()</c> result sets must report, in order.</summary>
    public IReadOnlyList<RowCheck> Checks => _checks;

    /// <summary>Whether a statement of about <paramref name="size"/> bytes still fits in this command.</summary>
    public bool Fits(long size) => IsEmpty || Size + size <= Budget;

    /// <summary>Appends a statement that returns no rows.</summary>
    public SqlBuilder Statement(string template, params object?[] values)
    {
        Append(template, values);
        _text.Append(";\n");
        return this;
    }

    /// <summary>Appends a <c>SELECT ROW_COUNT()</c> that reports how many rows the previous statement changed.</summary>
    public SqlBuilder RowCount(RowCheck check)
    {
        _text.Append("SELECT ROW_COUNT();\n");
        _checks.Add(check);
        return this;
    }

    /// <summary>Appends part of a statement (a row of a multi-row statement, say); <see cref="EndStatement"/> ends it.</summary>
    public SqlBuilder Fragment(string template, params object?[] values)
    {
        Append(template, values);
        return this;
    }

    /// <summary>Ends a statement begun with <see cref="Fragment"/>.</summary>
    public SqlBuilder EndStatement(string tail = "")
    {
        _text.Append(tail).Append(";\n");
        Size += tail.Length;
        return this;
    }

    private void Append(string template, object?[] values)
    {
        var names = new object[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            // The same object bound again (a grain's type and key in both statements of an append) reuses
            // its parameter: values are substituted into the text on the client, and fewer of them make a
            // large batch cheaper to build and send.
            if (values[i] is { } value && _shared.TryGetValue(value, out var shared))
            {
                names[i] = shared;
                continue;
            }

            var name = "@p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
            _parameters.Add(new MySqlParameter(name, values[i] ?? DBNull.Value));
            if (values[i] is { } bound)
            {
                _shared[bound] = name;
            }

            names[i] = name;
            Size += EstimateSize(values[i]);
        }

        var sql = names.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, names);
        _text.Append(sql);
        Size += sql.Length;
    }

    public MySqlCommand Build(MySqlConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = _text.ToString();
        command.Parameters.AddRange(_parameters.ToArray());
        return command;
    }

    /// <summary>Roughly what a value costs in the command text; blobs may double when escaped.</summary>
    public static long EstimateSize(object? value) => value switch
    {
        byte[] bytes => 16 + (2L * bytes.Length),
        string text => 16 + (4L * text.Length),
        _ => 32,
    };

    /// <summary>Roughly what a statement costs in the command text.</summary>
    public static long EstimateSize(string template, object?[] values)
    {
        long size = template.Length + 24;
        foreach (var value in values)
        {
            size += EstimateSize(value);
        }

        return size;
    }
}
