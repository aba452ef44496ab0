namespace Shop.ReadModels.Common;

/// <summary>
/// What a brand filter compares: the brand lower-cased (invariant culture), so "NIKE" finds "Nike" while "Nik" finds
/// nothing (exact, case-insensitive). Computed here rather than by a database collation so that SQLite and MariaDB
/// agree, and so that no accent folding of a <c>_ci</c> collation sneaks in.
/// </summary>
internal static class BrandKey
{
    /// <summary>The longest brand accepted (the MariaDB key column is <c>VARCHAR(255)</c>).</summary>
    public const int MaxLength = 255;

    public static string For(string brand) => brand.ToLowerInvariant();
}
