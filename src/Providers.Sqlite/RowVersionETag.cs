using System.Globalization;

namespace Shop.Providers.Sqlite;

/// <summary>ETags of rows that keep a version column: the version's decimal form ("1", "2", …).</summary>
internal static class RowVersionETag
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Accepts only the exact form <see cref="Format"/> produces, so that an ETag the store never
    /// issued (e.g. "007", or one from another provider) conflicts instead of matching by accident.
    /// </summary>
    public static bool TryParse(string? eTag, out long version)
    {
        version = 0;
        return eTag is not null
            && long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && version > 0
            && string.Equals(Format(version), eTag, StringComparison.Ordinal);
    }
}
