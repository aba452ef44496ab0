namespace Shop.Providers.MySql.Writing;

/// <summary>
/// The commands of one group commit, in order: statements fill a command until its size budget
/// (<see cref="SqlBuilder.Budget"/>) is reached, then the next one starts.
/// </summary>
internal sealed class SqlBuilderList
{
    private readonly List<SqlBuilder> _commands = [new()];

    public IReadOnlyList<SqlBuilder> Commands => _commands;

    /// <summary>Adds a statement followed by its row-count check.</summary>
    public void Add(RowCheck check, string template, params object?[] values)
        => Current(SqlBuilder.EstimateSize(template, values)).Statement(template, values).RowCount(check);

    /// <summary>
    /// Adds statements that must share a command (each after the first reads its predecessor's ROW_COUNT()),
    /// then the check of the last one.
    /// </summary>
    public void AddChain(RowCheck check, params (string Template, object?[] Values)[] statements)
    {
        var builder = Current(statements.Sum(s => SqlBuilder.EstimateSize(s.Template, s.Values)));
        foreach (var (template, values) in statements)
        {
            builder.Statement(template, values);
        }

        builder.RowCount(check);
    }

    /// <summary>
    /// Adds rows as multi-row statements: <paramref name="head"/>, <paramref name="firstRow"/>, then
    /// <paramref name="nextRow"/> for each further row that fits the command, then <paramref name="end"/>
    /// (which ends the statement) and a grouped check that all rows were written. Rows that do not fit go
    /// into a further statement in the next command.
    /// </summary>
    public void AddRows(string head, string firstRow, string nextRow, List<object?[]> rows, Action<SqlBuilder, int> end)
    {
        var next = 0;
        while (next < rows.Count)
        {
            var builder = Current(head.Length + SqlBuilder.EstimateSize(firstRow, rows[next]) + 512);
            builder.Fragment(head).Fragment(firstRow, rows[next++]);
            var count = 1;
            while (next < rows.Count && builder.Fits(SqlBuilder.EstimateSize(nextRow, rows[next]) + 512))
            {
                builder.Fragment(nextRow, rows[next++]);
                count++;
            }

            end(builder, count);
            builder.RowCount(new RowCheck(RowCheck.Grouped, count));
        }
    }

    private SqlBuilder Current(long size)
    {
        if (!_commands[^1].Fits(size))
        {
            _commands.Add(new SqlBuilder());
        }

        return _commands[^1];
    }
}
