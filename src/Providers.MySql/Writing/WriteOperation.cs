namespace Shop.Providers.MySql.Writing;

/// <summary>
/// One caller's write, as the group-commit writer runs it: a few statements that either all take effect or
/// (when a version does not match) none do, checked by the row count of the last one. No savepoints are
/// needed: a write that finds the wrong version changes nothing, so a conflict never has to be undone and
/// never disturbs the other writes of its batch.
/// </summary>
internal abstract class WriteOperation
{
    /// <summary>Adds this write's statements and their row-count check (commit number <paramref name="index"/>) to the batch.</summary>
    public abstract void AddTo(SqlBuilderList commands, int index, DateTime now);

    /// <summary>
    /// Describes the conflict after the write's check failed, reading what is stored now (on the writer
    /// connection, inside the batch's transaction).
    /// </summary>
    public abstract Task<Exception> DescribeConflictAsync(MySqlConnector.MySqlConnection connection, CancellationToken cancellationToken);
}
