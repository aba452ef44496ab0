using System.Globalization;

namespace Shop.Providers.Sqlite;

/// <summary>Conversions between contract values and their column representations.</summary>
internal static class SqliteValues
{
    public static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Accepts only the exact form <see cref="FormatETag"/> produces, so that an ETag the store never
    /// issued (e.g. "007", or one from another provider) conflicts instead of matching by accident.
    /// </summary>
    public static bool TryParseETag(string? eTag, out long version)
    {
        version = 0;
        return eTag is not null
            && long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && version > 0
            && string.Equals(FormatETag(version), eTag, StringComparison.Ordinal);
    }

    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static long ToMilliseconds(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMillisecond;

    public static object Blob(byte[]? value) => value is null ? DBNull.Value : value;

    public static string FormatEventId(Guid eventId) => eventId.ToString("D", CultureInfo.InvariantCulture);
}
