namespace Shop.Providers.MySql.Writing;

/// <summary>
/// What one <c>SELECT ROW_COUNT()</c> of a group commit must report: the rows that the preceding
/// statement of commit number <see cref="Commit"/> (its index in the batch) had to change. Anything
/// less means an ETag or journal version did not match.
/// </summary>
internal readonly record struct RowCheck(int Commit, long ExpectedRows);
