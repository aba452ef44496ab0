using MySqlConnector;

namespace Shop.Providers.MySql.Writing;

/// <summary>
/// Takes a grain's published appends out of its outbox (versions up to <c>upToVersion</c>), in the group commit beside
/// other grains' writes instead of in a transaction of its own. It never conflicts: rows already gone (a mark repeated,
/// or made by an earlier activation) are simply not there to delete.
/// </summary>
internal sealed class PublishedMark(string grainType, string grainKey, long upToVersion) : WriteOperation
{
    private const string Delete = """
        DELETE FROM grain_outbox WHERE grain_type = {0} AND grain_key = {1} AND last_version <= {2}
        """;

    public override void AddTo(SqlBuilderList commands, int index, DateTime now)
        => commands.Add(new RowCheck(index, 0), Delete, grainType, grainKey, upToVersion);

    public override Task<Exception> DescribeConflictAsync(MySqlConnection connection, CancellationToken cancellationToken)
        => throw new InvalidOperationException("Marking appends published cannot conflict.");
}
