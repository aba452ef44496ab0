using System.Globalization;

namespace Shop.Journaling;

/// <summary>
/// ETags of the project's storage providers, whose rows keep a version column: the version's decimal form ("1", "2", …).
/// </summary>
public static class RowVersionETag
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Accepts only the exact form <see cref="Format"/> produces (a positive number without sign, spaces or leading
    /// zeros), so that an ETag the store never issued, such as "007" or one of another provider, conflicts instead of
    /// matching by accident.
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
