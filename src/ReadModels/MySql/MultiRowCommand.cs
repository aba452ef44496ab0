using System.Globalization;
using System.Text;
using MySqlConnector;

namespace Shop.ReadModels.MySql;

/// <summary>
/// Builds one multi-row statement (<c>INSERT … VALUES (…), (…)</c> or <c>… IN (…)</c>) with a parameter for every
/// value: one round trip for hundreds of rows, and no value ever becomes part of the SQL text.
/// </summary>
internal sealed class MultiRowCommand
{
    private readonly StringBuilder _sql = new();
    private readonly List<MySqlParameter> _parameters = [];
    private readonly string _suffix;
    private int _rows;

    /// <param name="prefix">The statement up to its first row, e.g. <c>INSERT INTO t (a, b) VALUES </c>.</param>
    /// <param name="suffix">What follows the last row, e.g. <c> ON DUPLICATE KEY UPDATE …</c> or <c>)</c>.</param>
    public MultiRowCommand(string prefix, string suffix = "")
    {
        _sql.Append(prefix);
        _suffix = suffix;
    }

    public int Rows => _rows;

    /// <summary>Adds a row of values, written as <c>(@p0, @p1, …)</c>.</summary>
    public void AddRow(params object?[] values)
    {
        _sql.Append(_rows == 0 ? "(" : ", (");
        AppendValues(values);
        _sql.Append(')');
        _rows++;
    }

    /// <summary>Adds one value of an <c>IN (…)</c> list, written as <c>@p0</c>.</summary>
    public void AddValue(object value)
    {
        if (_rows > 0)
        {
            _sql.Append(", ");
        }

        AppendValues([value]);
        _rows++;
    }

    public MySqlCommand ToCommand(MySqlConnection connection, MySqlTransaction? transaction = null)
    {
        var command = new MySqlCommand(_sql.ToString() + _suffix, connection, transaction);
        command.Parameters.AddRange(_parameters.ToArray());
        return command;
    }

    private void AppendValues(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var name = "@p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
            if (i > 0)
            {
                _sql.Append(", ");
            }

            _sql.Append(name);
            _parameters.Add(new MySqlParameter(name, values[i] ?? DBNull.Value));
        }
    }
}
