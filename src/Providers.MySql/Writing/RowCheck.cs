namespace Shop.Providers.MySql.Writing;

/// <summary>
/// What one <c>SELECT ROW_COUNT()</c> of a group commit must report: at least the rows that the preceding
/// statement had to change. For a statement of commit number <see cref="Commit"/> (its index in the batch)
/// anything less means an ETag or journal version did not match; for a statement that writes the rows of
/// many commits at once (<see cref="Commit"/> is <see cref="Grouped"/>) it means some of them did not, and
/// the batch is run again statement by statement to find out which.
/// </summary>
internal readonly record struct RowCheck(int Commit, long MinimumRows)
{
    public const int Grouped = -1;
}
